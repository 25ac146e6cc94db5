import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { DAY_MS } from '../../core/clock.ts';
import { formValues, validateForm } from '../../core/forms/index.ts';
import { HttpError } from '../../core/http/index.ts';
import { translator } from '../../core/i18n/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import {
  type AuditAction,
  activeHolds,
  activitiesOf,
  HOLD_REASONS,
  type HoldReason,
  type PrivacyTables,
  releaseHold,
  runRetention,
  setHold,
} from '../../core/privacy/index.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { dpoMessages } from './gdpr.staff.dpo.messages.ts';
import { affectedPerDay, lastRuns, recordReferences, searchAudit, totalsPerActivity } from './gdpr.staff.dpo.queries.ts';
import { ActivityPage, AUDIT_PAGE_SIZE, AuditPage, HoldsPage, RegisterOverviewPage } from './gdpr.staff.dpo.views.tsx';

const staff = (activity: string, action: 'read' | 'change'): { staff: StaffAccess } => ({ staff: { activity, action } });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerDpoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<PrivacyTables>();
  const activities = () => activitiesOf(ctx.modules, ctx.config);
  const page = (request: FastifyRequest) => {
    const view = viewContextFor(request);
    return { view, frame: staffFrame(ctx, request) as StaffFrame, t: translator(dpoMessages, view.locale) };
  };

  app.get('/staff/datenschutz', { config: staff('privacy.deletion-proof', 'read') }, async (request, reply) => {
    const { view, frame } = page(request);
    request.auditRecords = [];
    return sendPage(
      reply,
      <RegisterOverviewPage
        view={view}
        frame={frame}
        activities={activities()}
        runs={await lastRuns(db)}
        totals={await totalsPerActivity(db)}
      />,
    );
  });

  app.post('/staff/datenschutz/loeschlauf', { config: staff('privacy.deletion-proof', 'change') }, async (request, reply) => {
    const { view, frame } = page(request);
    const report = await runRetention(ctx, { trigger: 'staff', batchSize: ctx.config.RETENTION_BATCH_SIZE });
    request.auditRecords = report.runId ? [report.runId] : [];
    return sendPage(
      reply,
      <RegisterOverviewPage
        view={view}
        frame={frame}
        activities={activities()}
        runs={await lastRuns(db)}
        totals={await totalsPerActivity(db)}
        report={report}
      />,
    );
  });

  app.get('/staff/datenschutz/taetigkeiten/:id', { config: staff('privacy.deletion-proof', 'read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const { id } = request.params as { id: string };
    const activity = activities().find((a) => a.id === id);
    if (!activity) throw new HttpError(404);
    const now = ctx.clock.now();
    const rows = await affectedPerDay(db, activity.id, new Date(now.getTime() - 90 * DAY_MS));
    request.auditRecords = [];
    return sendPage(
      reply,
      <ActivityPage view={view} frame={frame} activity={activity} perDay={rows} holds={await activeHolds(db, now, activity.id)} />,
    );
  });

  app.get('/staff/datenschutz/sperren', { config: staff('privacy.legal-holds', 'read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const holds = await activeHolds(db, ctx.clock.now());
    request.auditRecords = holds.map((h) => h.id);
    return sendPage(reply, <HoldsPage view={view} frame={frame} holds={holds} activities={activities()} />);
  });

  app.post('/staff/datenschutz/sperren', { config: staff('privacy.legal-holds', 'change') }, async (request, reply) => {
    const { view, frame, t } = page(request);
    const labels = {
      activity: t('holds.activity'),
      table: t('holds.table'),
      recordId: t('holds.record'),
      reason: t('holds.reason'),
      until: t('holds.until'),
      note: t('holds.note'),
    };
    const schema = z.object({
      activity: z.string().min(1).max(200),
      table: z.string().min(1).max(200),
      recordId: z.string().trim().min(1).max(200),
      reason: z.enum(HOLD_REASONS as [HoldReason, ...HoldReason[]]),
      until: z.string().regex(DATE),
      note: z.string().trim().min(3).max(500),
    });
    const form = validateForm(schema, request.body, { locale: view.locale, labels });
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    const now = ctx.clock.now();
    // Checks across fields run even when another field is wrong, so every problem shows at once.
    const v = form.values;
    const activity = activities().find((a) => a.id === v.activity);
    if (!errors.table && !activity?.retention.some((r) => r.table === v.table)) errors.table = t('holds.badTable');
    if (!errors.until && (typeof v.until !== 'string' || !DATE.test(v.until) || new Date(`${v.until}T23:59:59Z`) <= now))
      errors.until = t('holds.badDate');
    const holds = () => activeHolds(db, now);
    if (!form.ok || Object.keys(errors).length > 0) {
      return sendPage(
        reply,
        <HoldsPage view={view} frame={frame} holds={await holds()} activities={activities()} values={form.values} errors={errors} />,
        400,
      );
    }
    const me = request.staff as NonNullable<typeof request.staff>;
    const id = await setHold(db, {
      activity: form.data.activity,
      table: form.data.table,
      recordId: form.data.recordId,
      reason: form.data.reason,
      note: form.data.note,
      until: new Date(`${form.data.until}T23:59:59Z`),
      staff: { id: me.id, email: me.email },
      ip: request.ip,
      now,
    });
    request.auditRecords = [id];
    return sendPage(reply, <HoldsPage view={view} frame={frame} holds={await holds()} activities={activities()} />);
  });

  app.post('/staff/datenschutz/sperren/:id/aufheben', { config: staff('privacy.legal-holds', 'change') }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new HttpError(404);
    const me = request.staff as NonNullable<typeof request.staff>;
    if (!(await releaseHold(db, id, { id: me.id, email: me.email }, request.ip, ctx.clock.now()))) throw new HttpError(404);
    return reply.redirect('/staff/datenschutz/sperren', 303);
  });

  app.get('/staff/datenschutz/protokoll', { config: staff('privacy.audit-log', 'read') }, async (request, reply) => {
    const { view, frame } = page(request);
    const values = formValues(request.query);
    const q = (k: string) => (typeof values[k] === 'string' && values[k] !== '' ? (values[k] as string) : undefined);
    // Without a search the latest entries show, newest first, a page at a time.
    const searched = Object.keys(values).some((k) => k !== 'seite' && q(k) !== undefined);
    const pageNumber = Math.min(Math.max(Number.parseInt(q('seite') ?? '1', 10) || 1, 1), 10_000);
    const from = q('from');
    const to = q('to');
    const found = await searchAudit(
      db,
      {
        staff: q('staff')?.slice(0, 200),
        activity: q('activity'),
        action: q('action') as AuditAction | undefined,
        record: q('record')?.slice(0, 200),
        from: from && DATE.test(from) ? new Date(`${from}T00:00:00Z`) : undefined,
        to: to && DATE.test(to) ? new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
      },
      AUDIT_PAGE_SIZE + 1,
      (pageNumber - 1) * AUDIT_PAGE_SIZE,
    );
    const rows = found.slice(0, AUDIT_PAGE_SIZE);
    request.auditRecords = rows.map((r) => String(r.id));
    return sendPage(
      reply,
      <AuditPage
        view={view}
        frame={frame}
        rows={rows}
        references={
          await recordReferences(
            db,
            rows.flatMap((r) => r.record_ids),
          )
        }
        searched={searched}
        pageNumber={pageNumber}
        hasMore={found.length > AUDIT_PAGE_SIZE}
        values={values}
        activities={activities()}
      />,
    );
  });
}
