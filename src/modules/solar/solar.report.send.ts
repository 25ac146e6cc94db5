import type { Kysely } from 'kysely';
import { queueLetter } from '../../core/letters/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { type BuildingAddress, loadReportData, type ReportData } from './solar.report.data.ts';
import { buildingLine, reportLetter } from './solar.report.letter.ts';
import { energyAdvice, reportMail } from './solar.report.mail.ts';
import { renderReportPdf } from './solar.report.pdf.ts';
import { type ReportRequest, type RequestsDb, recordSent } from './solar.requests.queries.ts';
import type { Delivery, SolarTables } from './solar.tables.ts';

export const addressOf = (r: ReportRequest): BuildingAddress => ({
  street: r.building_street,
  number: r.building_number,
  postcode: r.building_postcode ?? undefined,
  town: r.building_town ?? undefined,
});

/** What the report of a request would say now: the cadastre as it is, blacked-out buildings included. */
export function reportDataFor(db: Kysely<RequestsDb>, request: ReportRequest): Promise<ReportData> {
  return loadReportData(db as unknown as Kysely<SolarTables>, addressOf(request));
}

/** Why a report cannot go out (shown to staff, never to the public). */
export type SendProblem = 'noBuilding' | 'notComputed' | 'state';

export function problemOf(data: ReportData): SendProblem | null {
  if (data.buildings.length === 0) return 'noBuilding';
  if (data.buildings.some((b) => b.totals === null)) return 'notComputed';
  return null;
}

export function renderRequestPdf(ctx: Pick<AppContext, 'config' | 'clock'>, request: ReportRequest, data: ReportData) {
  return renderReportPdf({
    reference: request.reference,
    requester: request.name,
    building: buildingLine(request),
    data,
    organisation: ctx.config.organisation,
    contact: energyAdvice(ctx.config.organisation),
    attribution: ctx.config.SOLAR_DATA_ATTRIBUTION,
    locale: request.locale,
    date: ctx.clock.now(),
  });
}

/**
 * Sends the report of a verified request: by e-mail with the PDF attached, or as a letter for the
 * print room. The mail or letter and the request's new state are written in one transaction, so
 * a report is recorded as sent exactly when it is on its way.
 */
export async function sendReport(
  ctx: AppContext,
  request: ReportRequest,
  via: Delivery,
  staff: { id: string; name: string },
): Promise<SendProblem | null> {
  const db = ctx.db.withTables<RequestsDb>();
  const data = await reportDataFor(db, request);
  const problem = problemOf(data);
  if (problem) return problem;
  const now = ctx.clock.now();
  const org = ctx.config.organisation;
  const pdf = via === 'email' ? (await renderRequestPdf(ctx, request, data)).pdf : null;
  return db.transaction().execute(async (trx) => {
    if (!(await recordSent(trx, request.id, staff.id, via, now))) return 'state' as const;
    if (pdf) await enqueueMail(trx, ctx, reportMail(request, buildingLine(request), pdf, staff.name, org));
    else await queueLetter(trx, ctx, reportLetter(request, data, { name: staff.name, ...energyAdvice(org) }));
    return null;
  });
}
