import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { HttpError, validateForm } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { sendPage, staffPage } from '../../core/views/index.ts';
import { SOLAR_ACTIVITY } from './solar.privacy.ts';
import type { ReportData } from './solar.report.data.ts';
import { rejectionMail } from './solar.report.mail.ts';
import { renderRequestPdf, reportDataFor, sendReport } from './solar.report.send.ts';
import {
  getReportRequest,
  listReportRequests,
  markHandled,
  type ReportRequestDetail,
  type RequestsDb,
  rejectRequest,
  verifyRequest,
} from './solar.requests.queries.ts';
import { staffMessages } from './solar.staff.messages.ts';
import { type FailedForm, RequestDetailPage, RequestListPage, STAFF_PATH } from './solar.staff.views.tsx';

const access = (action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity: SOLAR_ACTIVITY.reports, action } });
const noteSchema = (field: string) => z.object({ [field]: z.string().trim().min(3).max(500) });
const viaSchema = z.object({ via: z.enum(['email', 'letter']) });

/** Audit entries name the request and the buildings whose figures the page shows. */
const auditIds = (request: ReportRequestDetail, data: ReportData) => [
  request.id,
  ...data.buildings.map((b) => `solar_buildings/${b.alkisId}`),
];

/**
 * The energy advice's inbox (C25): requests, the buildings they name (blacked-out ones too),
 * verifying, declining, sending the report by e-mail or letter, closing. Access comes from the
 * register's recipients of `solar.report-requests`; every read is audited by the guard.
 */
export function registerRequestInbox(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<RequestsDb>();
  const page = (request: FastifyRequest) => {
    const { view, frame } = staffPage(ctx, request);
    return { view, frame, t: translator(staffMessages, view.locale) };
  };
  const load = async (request: FastifyRequest): Promise<ReportRequestDetail> => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getReportRequest(db, id) : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };
  const staff = (request: FastifyRequest) => ({ id: request.staff?.id as string, name: request.staff?.name ?? '' });
  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { failed?: FailedForm; stateError?: string } = {},
    status = 200,
  ) => {
    const { view, frame } = page(request);
    const row = await load(request);
    const data = await reportDataFor(db, row);
    // The guard audits this page, with its errors too (as a read of these records).
    request.auditRecords = auditIds(row, data);
    return sendPage(reply, <RequestDetailPage view={view} frame={frame} request={row} data={data} {...extra} />, status);
  };
  const back = (reply: FastifyReply, id: string) => reply.redirect(`${STAFF_PATH}/${id}`, 303);

  app.get(STAFF_PATH, { config: access('read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const { open, closed } = await listReportRequests(db);
    request.auditRecords = [...open, ...closed].map((r) => r.id);
    return sendPage(reply, <RequestListPage view={view} frame={frame} open={open} closed={closed} />);
  });

  app.get(`${STAFF_PATH}/:id`, { config: access('read') }, (request, reply) => detail(request, reply));

  // What the person would receive, as it would be sent now.
  app.get(`${STAFF_PATH}/:id/bericht.pdf`, { config: access('read') }, async (request, reply) => {
    const row = await load(request);
    const data = await reportDataFor(db, row);
    if (data.buildings.length === 0) throw new HttpError(404);
    request.auditRecords = auditIds(row, data);
    const { pdf } = await renderRequestPdf(ctx, row, data);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="auswertung-${row.reference}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  app.post(`${STAFF_PATH}/:id/pruefen`, { config: access('change') }, async (request, reply) => {
    const { view, t } = page(request);
    const row = await load(request);
    const form = validateForm(noteSchema('note'), request.body, { locale: view.locale, labels: { note: t('verify.note') } });
    if (!form.ok) return detail(request, reply, { failed: { form: 'verify', errors: form.errors } }, 400);
    if (!(await verifyRequest(db, row.id, staff(request).id, String(form.data.note), ctx.clock.now())))
      return detail(request, reply, { stateError: t('error.state') }, 409);
    request.auditRecords = [row.id];
    return back(reply, row.id);
  });

  app.post(`${STAFF_PATH}/:id/ablehnen`, { config: access('change') }, async (request, reply) => {
    const { view, t } = page(request);
    const row = await load(request);
    const form = validateForm(noteSchema('reason'), request.body, { locale: view.locale, labels: { reason: t('reject.note') } });
    if (!form.ok) return detail(request, reply, { failed: { form: 'reject', errors: form.errors } }, 400);
    const declined = await db.transaction().execute(async (trx) => {
      if (!(await rejectRequest(trx, row.id, staff(request).id, String(form.data.reason), ctx.clock.now()))) return false;
      await enqueueMail(trx, ctx, rejectionMail(row, ctx.config.organisation));
      return true;
    });
    if (!declined) return detail(request, reply, { stateError: t('error.state') }, 409);
    request.auditRecords = [row.id];
    return back(reply, row.id);
  });

  app.post(`${STAFF_PATH}/:id/senden`, { config: access('change') }, async (request, reply) => {
    const { view, t } = page(request);
    const row = await load(request);
    const form = validateForm(viaSchema, request.body, { locale: view.locale, labels: { via: t('send.via') } });
    if (!form.ok) return detail(request, reply, { failed: { form: 'send', errors: form.errors } }, 400);
    const problem = await sendReport(ctx, row, form.data.via, staff(request));
    if (problem)
      return detail(
        request,
        reply,
        { failed: { form: 'send', errors: { via: t(`send.problem.${problem}`) } } },
        problem === 'state' ? 409 : 400,
      );
    request.auditRecords = [row.id];
    return back(reply, row.id);
  });

  app.post(`${STAFF_PATH}/:id/erledigt`, { config: access('change') }, async (request, reply) => {
    const { t } = page(request);
    const row = await load(request);
    if (!(await markHandled(db, row.id, staff(request).id, ctx.clock.now())))
      return detail(request, reply, { stateError: t('error.state') }, 409);
    request.auditRecords = [row.id];
    return back(reply, row.id);
  });
}
