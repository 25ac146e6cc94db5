import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { formValues, validateForm } from '../../core/forms/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { fromGermanDateTime, translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { activitiesOf, liftRestriction, liveRestrictions, type PrivacyTables } from '../../core/privacy/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { decideBreach, getBreach, listBreaches, recordBreach } from './gdpr.breaches.ts';
import { recordWords } from './gdpr.record-words.ts';
import { rightsMessages } from './gdpr.rights.messages.ts';
import { ropaDocument, ropaPdf } from './gdpr.ropa.ts';
import { dpoRecordsMessages } from './gdpr.staff.records.messages.ts';
import { BreachDetailPage, BreachesPage, RestrictionsPage, RopaPage } from './gdpr.staff.records.views.tsx';

const staff = (activity: string, action: 'read' | 'export' | 'change'): { staff: StaffAccess } => ({ staff: { activity, action } });
/** A code, said in words on the access log (gdpr.audit-reasons.ts). */
const ROPA_REASON = 'ropa';

/** The DPO's record of processing activities, the restrictions to lift, the breach register. */
export function registerDpoRecordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  const page = (request: FastifyRequest) => {
    const view = viewContextFor(request);
    return { view, frame: staffFrame(ctx, request) as StaffFrame };
  };
  const titleOf = (locale: 'de' | 'en') => (id: string) =>
    activitiesOf(ctx.modules, ctx.config).find((a) => a.id === id)?.title[locale] ?? id;
  const restrictedWords = (rows: readonly { table_name: string; record_id: string }[], locale: 'de' | 'en') =>
    recordWords(
      db,
      activitiesOf(ctx.modules, ctx.config),
      rows.map((r) => ({ recordId: r.record_id })),
      locale,
    );
  const me = (request: FastifyRequest) => request.staff as NonNullable<FastifyRequest['staff']>;

  // Art. 30 GDPR: generated from the register; each download is an audited export.
  app.get('/staff/datenschutz/verzeichnis', { config: staff('privacy.deletion-proof', 'read') }, async (request, reply) => {
    request.auditRecords = [];
    return sendPage(reply, <RopaPage {...page(request)} />);
  });
  // One parametric route, so the pages that walk every plain staff page do not start a download.
  app.get('/staff/datenschutz/verzeichnis/:format', { config: staff('privacy.deletion-proof', 'export') }, async (request, reply) => {
    const { format } = request.params as { format: string };
    if (format !== 'json' && format !== 'pdf') throw new HttpError(404);
    request.auditRecords = ['record-of-processing'];
    request.auditReason = ROPA_REASON;
    const now = ctx.clock.now();
    if (format === 'json')
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="verarbeitungsverzeichnis.json"')
        .send(JSON.stringify(ropaDocument(ctx.config, ctx.modules, now), null, 2));
    const pdf = await ropaPdf(ctx.config, ctx.modules, now, viewContextFor(request).locale);
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="verarbeitungsverzeichnis.pdf"')
      .send(Buffer.from(pdf));
  });

  // Restrictions (Art. 18 GDPR) are lifted by the DPO only, with a reason.
  app.get('/staff/datenschutz/einschraenkungen', { config: staff('privacy.restrictions', 'read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const rows = await liveRestrictions(db);
    request.auditRecords = rows.map((r) => `${r.table_name}/${r.record_id}`);
    return sendPage(
      reply,
      <RestrictionsPage
        view={view}
        frame={frame}
        rows={rows}
        titleOf={titleOf(view.locale)}
        recordText={await restrictedWords(rows, view.locale)}
      />,
    );
  });
  app.post(
    '/staff/datenschutz/einschraenkungen/:id/aufheben',
    { config: staff('privacy.restrictions', 'change') },
    async (request, reply) => {
      const { view, frame } = page(request);
      const { id } = request.params as { id: string };
      if (!isUuid(id)) throw new HttpError(404);
      const values = formValues(request.body);
      const field = typeof values.field === 'string' && /^liftReason-\d+$/.test(values.field) ? values.field : 'liftReason-0';
      const raw = values[field];
      const reason = typeof raw === 'string' ? raw.trim() : '';
      if (reason.length < 3 || reason.length > 500) {
        const rows = await liveRestrictions(db);
        request.auditRecords = rows.map((r) => `${r.table_name}/${r.record_id}`);
        const t = translator(rightsMessages, view.locale);
        const message =
          view.locale === 'de'
            ? `Bitte geben Sie „${t('lift.reason')}“ an (3 bis 500 Zeichen).`
            : `Please give “${t('lift.reason')}” (3 to 500 characters).`;
        return sendPage(
          reply,
          <RestrictionsPage
            view={view}
            frame={frame}
            rows={rows}
            titleOf={titleOf(view.locale)}
            recordText={await restrictedWords(rows, view.locale)}
            errors={{ [field]: message }}
            values={{ ...values, id }}
          />,
          400,
        );
      }
      const m = me(request);
      if (!(await liftRestriction(db, id, reason, { id: m.id, email: m.email }, request.ip, ctx.clock.now()))) throw new HttpError(404);
      return reply.redirect('/staff/datenschutz/einschraenkungen', 303);
    },
  );

  // The breach register (Art. 33(5) GDPR) with the 72-hour clock of Art. 33(1).
  const breachLabels = (locale: 'de' | 'en') => {
    const t = translator(dpoRecordsMessages, locale);
    return {
      description: t('breach.description'),
      occurredOn: t('breach.occurredAt'),
      discoveredOn: t('breach.discoveredAt'),
      discoveredTime: t('breach.discoveredTime'),
      dataCategories: t('breach.dataCategories'),
      peopleAffected: t('breach.peopleAffected'),
      consequences: t('breach.consequences'),
      measures: t('breach.measures'),
    };
  };
  app.get('/staff/datenschutz/vorfaelle', { config: staff('privacy.breaches', 'read') }, async (request, reply) => {
    const rows = await listBreaches(db);
    request.auditRecords = rows.map((r) => r.id);
    return sendPage(reply, <BreachesPage {...page(request)} rows={rows} now={ctx.clock.now()} />);
  });
  app.post('/staff/datenschutz/vorfaelle', { config: staff('privacy.breaches', 'change') }, async (request, reply) => {
    const { view, frame } = page(request);
    const t = translator(dpoRecordsMessages, view.locale);
    const text = (max: number) => z.string().trim().min(1).max(max);
    const form = validateForm(
      z.object({
        description: text(5000),
        occurredOn: z.string().trim().max(20).optional(),
        discoveredOn: text(20),
        discoveredTime: text(10),
        dataCategories: text(1000),
        peopleAffected: z.string().trim().min(1).max(9),
        consequences: text(5000),
        measures: text(5000),
      }),
      request.body,
      { locale: view.locale, labels: breachLabels(view.locale) },
    );
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const v = form.values as Record<string, string | undefined>;
    const now = ctx.clock.now();
    const discovered = fromGermanDateTime(v.discoveredOn ?? '', v.discoveredTime ?? '');
    if (!errors.discoveredOn && (!fromGermanDateTime(v.discoveredOn ?? '') || (discovered && discovered > now)))
      errors.discoveredOn = t('breach.badDate');
    if (!errors.discoveredTime && !discovered && fromGermanDateTime(v.discoveredOn ?? '')) errors.discoveredTime = t('breach.badTime');
    const occurred = v.occurredOn ? fromGermanDateTime(v.occurredOn) : null;
    if (!errors.occurredOn && v.occurredOn && (!occurred || occurred > now)) errors.occurredOn = t('breach.badDate');
    if (!errors.peopleAffected && !/^\d{1,9}$/.test(v.peopleAffected ?? '')) errors.peopleAffected = t('breach.badNumber');
    if (!form.ok || Object.keys(errors).length || !discovered) {
      const rows = await listBreaches(db);
      request.auditRecords = rows.map((r) => r.id);
      return sendPage(reply, <BreachesPage view={view} frame={frame} rows={rows} now={now} errors={errors} values={form.values} />, 400);
    }
    const id = await recordBreach(
      db,
      {
        description: form.data.description,
        occurredAt: occurred,
        discoveredAt: discovered,
        dataCategories: form.data.dataCategories,
        peopleAffected: Number(form.data.peopleAffected),
        consequences: form.data.consequences,
        measures: form.data.measures,
      },
      me(request).id,
      now,
    );
    request.auditRecords = [id];
    return reply.redirect(`/staff/datenschutz/vorfaelle/${id}`, 303);
  });
  const loadBreach = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await getBreach(db, id) : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };
  app.get('/staff/datenschutz/vorfaelle/:id', { config: staff('privacy.breaches', 'read') }, async (request, reply) => {
    const breach = await loadBreach(request);
    return sendPage(reply, <BreachDetailPage {...page(request)} breach={breach} now={ctx.clock.now()} />);
  });
  app.post('/staff/datenschutz/vorfaelle/:id/entscheidung', { config: staff('privacy.breaches', 'change') }, async (request, reply) => {
    const { view, frame } = page(request);
    const t = translator(dpoRecordsMessages, view.locale);
    const breach = await loadBreach(request);
    const form = validateForm(
      z.object({
        decision: z.enum(['notify', 'no-notification']),
        reason: z.string().trim().min(10).max(5000),
        notifiedOn: z.string().trim().max(20).optional(),
      }),
      request.body,
      { locale: view.locale, labels: { decision: t('decide.decision'), reason: t('decide.reason'), notifiedOn: t('decide.notifiedOn') } },
    );
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const v = form.values as Record<string, string | undefined>;
    const now = ctx.clock.now();
    const notified = v.notifiedOn ? fromGermanDateTime(v.notifiedOn) : null;
    if (!errors.notifiedOn && v.notifiedOn && (!notified || notified > now)) errors.notifiedOn = t('breach.badDate');
    if (!errors.notifiedOn && v.decision === 'notify' && !v.notifiedOn) errors.notifiedOn = t('decide.needDate');
    if (!form.ok || Object.keys(errors).length)
      return sendPage(
        reply,
        <BreachDetailPage view={view} frame={frame} breach={breach} now={now} errors={errors} values={form.values} />,
        400,
      );
    await decideBreach(
      db,
      breach.id,
      { decision: form.data.decision, reason: form.data.reason, notifiedAt: form.data.decision === 'notify' ? notified : null },
      me(request).id,
      now,
    );
    return reply.redirect(`/staff/datenschutz/vorfaelle/${breach.id}`, 303);
  });
}
