import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { type FieldErrors, formValues, validateForm } from '../../core/forms/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import {
  activitiesOf,
  findSubject,
  type PrivacyTables,
  restrictRecord,
  type SubjectRecord,
  splitByAccess,
  type WithheldRecords,
} from '../../core/privacy/index.ts';
import { roleLabel } from '../../core/roles.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { extendDeadline } from './gdpr.deadlines.ts';
import { recordWords } from './gdpr.record-words.ts';
import { addEvent, eventsOf, getRequest } from './gdpr.request.queries.ts';
import { rightsMessages } from './gdpr.rights.messages.ts';
import { portabilityCsv, portabilityJson, providedRecords, recordKey, rectifyRecord } from './gdpr.rights.ts';
import { RequestDetailPage } from './gdpr.staff.requests.views.tsx';
import { fieldLabel } from './gdpr.staff.rights.views.tsx';
import { identifiersOf, provenSubject, verificationsOf } from './gdpr.verification.ts';

const ACTIVITY = 'privacy.subject-requests';
const access = (action: 'read' | 'export' | 'change'): { staff: StaffAccess } => ({ staff: { activity: ACTIVITY, action } });
const MAX_FIELD = 5000;

/**
 * Rectification, restriction and portability on a confirmed request, and the extension of its
 * deadline. Like access and erasure, they work only on what the request's proven identifiers
 * find (decision 009), and only on records the member's roles may read under the register: the
 * staff of the owning activity correct and restrict, nobody else.
 */
export function registerDsrRightsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  const activities = () => activitiesOf(ctx.modules, ctx.config);
  const titleOf = (locale: Locale) => (id: string) => activities().find((a) => a.id === id)?.title[locale] ?? id;
  const rolesOf = (locale: Locale) => (w: WithheldRecords) =>
    w.roles.map((r) => roleLabel(ctx.config.organisation, r)[locale]).join(', ') || '–';

  const load = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getRequest(db, id) : undefined;
    if (!row || row.status === 'unconfirmed') throw new HttpError(404);
    return row;
  };
  type Row = Awaited<ReturnType<typeof load>>;
  const search = async (request: FastifyRequest, row: Row) =>
    splitByAccess(activities(), await findSubject(ctx, provenSubject(row, await verificationsOf(db, row.id))), request.staff?.roles ?? []);

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    row: Row,
    extra: {
      records?: SubjectRecord[];
      withheld?: WithheldRecords[];
      errors?: FieldErrors;
      values?: Record<string, unknown>;
      notice?: string;
    },
    status = 200,
  ) => {
    const view = viewContextFor(request);
    const fresh = (await getRequest(db, row.id)) ?? row;
    return sendPage(
      reply,
      <RequestDetailPage
        view={view}
        frame={staffFrame(ctx, request) as StaffFrame}
        request={fresh}
        identifiers={identifiersOf(fresh, await verificationsOf(db, fresh.id))}
        events={await eventsOf(db, fresh.id)}
        activityTitle={titleOf(view.locale)}
        recordText={await recordWords(db, activities(), extra.records ?? [], view.locale)}
        rolesOf={rolesOf(view.locale)}
        now={ctx.clock.now()}
        records={extra.records}
        withheld={extra.withheld ?? []}
        rightsErrors={extra.errors}
        rightsValues={extra.values as Record<string, string>}
        rightsNotice={extra.notice}
      />,
      status,
    );
  };
  const member = (request: FastifyRequest) => request.staff as NonNullable<FastifyRequest['staff']>;

  // Rectification (Art. 16 GDPR): one record's correctable fields, as the form sent them.
  app.post('/staff/anfragen/:id/berichtigen', { config: access('change') }, async (request, reply) => {
    const t = translator(rightsMessages, viewContextFor(request).locale);
    const row = await load(request);
    if (row.status !== 'open' || row.kind !== 'rectification') throw new HttpError(404);
    const values = formValues(request.body);
    const { readable, withheld } = await search(request, row);
    request.auditRecords = [row.id, ...readable.map(recordKey)];
    const record = readable.find((r) => recordKey(r) === values.record);
    // A record the member may not read, or that is restricted, is not there to correct.
    if (!record || record.restricted) throw new HttpError(404);
    const changes: Record<string, string | null> = {};
    const errors: FieldErrors = {};
    for (const [name, value] of Object.entries(values)) {
      const m = /^fix-\d+-(.+)$/.exec(name);
      if (!m || typeof value !== 'string') continue;
      const key = m[1] as string;
      const typed = value.trim();
      if (typed.length > MAX_FIELD || typed.includes('\u0000')) errors[name] = t('rectify.tooLong');
      const current = record.data[key];
      const before = current === null || current === undefined ? '' : String(current);
      if (typed !== before) changes[key] = typed === '' ? null : typed;
    }
    if (Object.keys(errors).length) return render(request, reply, row, { records: readable, withheld, errors, values }, 400);
    if (!Object.keys(changes).length) return render(request, reply, row, { records: readable, withheld, notice: t('rectify.none') });
    const me = member(request);
    const result = await rectifyRecord(ctx, record, changes, {
      staffId: me.id,
      staffEmail: me.email,
      ip: request.ip,
      reference: row.reference,
    });
    if (!result.ok) {
      const fields = Object.keys(values).filter((k) => k.startsWith('fix-'));
      const at = result.reason === 'invalid' ? (fields.find((k) => k.endsWith(`-${result.field}`)) ?? fields[0]) : fields[0];
      const message = result.reason === 'invalid' ? t('rectify.invalid') : t('rectify.notCorrectable');
      return render(request, reply, row, { records: readable, withheld, errors: { [at ?? 'record']: message }, values }, 400);
    }
    await addEvent(db, row.id, me.id, 'rectified', { record: recordKey(record), fields: result.changed }, ctx.clock.now());
    const again = await search(request, row);
    const locale = viewContextFor(request).locale;
    return render(request, reply, row, {
      records: again.readable,
      withheld: again.withheld,
      notice: t('rectify.done', { fields: result.changed.map((k) => fieldLabel(k, locale)).join(', ') }),
    });
  });

  // Restriction (Art. 18 GDPR): the chosen records stay, unprocessed, until the DPO lifts it.
  app.post('/staff/anfragen/:id/einschraenken', { config: access('change') }, async (request, reply) => {
    const t = translator(rightsMessages, viewContextFor(request).locale);
    const row = await load(request);
    if (row.status !== 'open' || !['rectification', 'restriction', 'objection'].includes(row.kind)) throw new HttpError(404);
    const { readable, withheld } = await search(request, row);
    request.auditRecords = [row.id, ...readable.map(recordKey)];
    const form = validateForm(
      z.object({
        restrictRecords: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
        restrictNote: z.string().trim().min(3).max(500),
      }),
      request.body,
      { locale: viewContextFor(request).locale, labels: { restrictRecords: t('restrict.records'), restrictNote: t('restrict.note') } },
    );
    const chosen = form.ok ? readable.filter((r) => form.data.restrictRecords.includes(recordKey(r))) : [];
    if (!form.ok || !chosen.length || chosen.length !== form.data.restrictRecords.length) {
      const errors = form.ok ? { restrictRecords: t('restrict.pick') } : form.errors;
      return render(request, reply, row, { records: readable, withheld, errors, values: form.values }, 400);
    }
    const me = member(request);
    const now = ctx.clock.now();
    let count = 0;
    for (const r of chosen)
      if (
        await restrictRecord(db, {
          activity: r.activity,
          table: r.table,
          recordId: r.recordId,
          requestId: row.id,
          note: `${row.reference}: ${form.data.restrictNote}`,
          staff: { id: me.id, email: me.email },
          ip: request.ip,
          now,
        })
      )
        count += 1;
    await addEvent(db, row.id, me.id, 'restricted', { records: chosen.map(recordKey), note: form.data.restrictNote }, now);
    const again = await search(request, row);
    return render(request, reply, row, { records: again.readable, withheld: again.withheld, notice: t('restrict.done', { count }) });
  });

  // Portability (Art. 20 GDPR): what the person provided, machine-readable; an audited export.
  app.post('/staff/anfragen/:id/uebertragbarkeit', { config: access('export') }, async (request, reply) => {
    const view = viewContextFor(request);
    const t = translator(rightsMessages, view.locale);
    const row = await load(request);
    if (row.kind !== 'portability') throw new HttpError(404);
    const form = validateForm(
      z.object({ portReason: z.string().trim().min(3).max(500), portFormat: z.enum(['json', 'csv']) }),
      request.body,
      {
        locale: view.locale,
        labels: { portReason: t('port.reason'), portFormat: t('port.format') },
      },
    );
    if (!form.ok) return render(request, reply, row, { errors: form.errors, values: form.values }, 400);
    const now = ctx.clock.now();
    const { readable } = await search(request, row);
    const provided = providedRecords(readable);
    await addEvent(
      db,
      row.id,
      request.staff?.id ?? null,
      `portability-${form.data.portFormat}`,
      { records: provided.length, reason: form.data.portReason },
      now,
    );
    request.auditRecords = [row.id, ...provided.map((r) => r.record)];
    request.auditReason = form.data.portReason;
    const locale = (row.locale === 'en' ? 'en' : 'de') as Locale;
    const name = `daten-${row.reference}.${form.data.portFormat}`;
    if (form.data.portFormat === 'json')
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(portabilityJson(row, readable, titleOf(locale), now));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(portabilityCsv(readable, titleOf(locale)));
  });

  // Extension by two months with a reason the person is told (Art. 12(3) GDPR).
  app.post('/staff/anfragen/:id/verlaengern', { config: access('change') }, async (request, reply) => {
    const view = viewContextFor(request);
    const t = translator(rightsMessages, view.locale);
    const row = await load(request);
    request.auditRecords = [row.id];
    const form = validateForm(z.object({ extendReason: z.string().trim().min(10).max(1000) }), request.body, {
      locale: view.locale,
      labels: { extendReason: t('extend.reason') },
    });
    if (!form.ok) return render(request, reply, row, { errors: form.errors, values: form.values }, 400);
    const extended = await extendDeadline(ctx, row.id, form.data.extendReason, request.staff?.id ?? null);
    if (!extended) return render(request, reply, row, { notice: t('extend.refused') }, 409);
    return reply.redirect(`/staff/anfragen/${row.id}`, 303);
  });
}
