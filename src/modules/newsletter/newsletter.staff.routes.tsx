import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { isUuid } from '../../core/auth/index.ts';
import { type FieldErrors, type FormValues, HttpError, singleLine, validateForm } from '../../core/http/index.ts';
import { berlinToUtc, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext, StaffAccess } from '../../core/module.ts';
import { type StaffFrame, sendPage, staffFrame, viewContextFor } from '../../core/views/index.ts';
import { compileCampaign, personalise } from './newsletter.render.ts';
import { topicOptions } from './newsletter.routes.tsx';
import { startCampaign } from './newsletter.send.ts';
import { staffMessages } from './newsletter.staff.messages.ts';
import {
  CampaignListPage,
  CampaignPage,
  campaignLabels,
  NewCampaignPage,
  STAFF_PATH,
  SubscribersPage,
  TopicsPage,
} from './newsletter.staff.views.tsx';
import { SUBSCRIPTION_ACTIVITY } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';

/** Campaigns and topics hold no personal data, but only marketing works on them (C54). */
const marketing: { staff: StaffAccess } = { staff: { roles: ['marketing'], personalData: false } };
const subscribers = (action: 'read' | 'export'): { staff: StaffAccess } => ({ staff: { activity: SUBSCRIPTION_ACTIVITY, action } });

const campaignSchema = z.object({
  subject: singleLine(1, 200),
  topic: z.string().max(60).optional(),
  markdown: z.string().min(1).max(100_000),
});
const topicSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'topics.idFormat'),
  name_de: singleLine(1, 100),
  name_en: singleLine(1, 100),
});
// A browser's date-and-time field sends minutes, or seconds too when they were set: both count to the minute.
const whenSchema = z.object({
  when: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/)
    .transform((v) => v.slice(0, 16)),
});

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

export function registerNewsletterStaffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.withTables<NewsletterTables>();
  const page = (request: FastifyRequest) => ({ view: viewContextFor(request), frame: staffFrame(ctx, request) as StaffFrame });
  const t = (request: FastifyRequest) => translator(staffMessages, viewContextFor(request).locale);

  app.get(STAFF_PATH, { config: marketing }, async (request, reply) => {
    const { view, frame } = page(request);
    const rows = await db
      .selectFrom('newsletter_campaigns')
      .select(['id', 'subject', 'topic', 'status', 'created_at'])
      .orderBy('created_at', 'desc')
      .execute();
    const topics = await topicOptions(db, view.locale);
    const name = (id: string | null) => (id ? (topics.find((x) => x.value === id)?.label ?? id) : t(request)('campaigns.allTopics'));
    return sendPage(reply, <CampaignListPage view={view} frame={frame} rows={rows} topicName={name} />);
  });

  // C52, C54: subscriber data only for marketing; every read and export is audited by the guard.
  const listSubscribers = () =>
    db
      .selectFrom('newsletter_subscribers')
      .select(['id', 'email', 'name', 'topics', 'confirmed_at', 'measure'])
      .where('status', '=', 'active')
      .orderBy('email')
      .execute();
  app.get(`${STAFF_PATH}/abonnements`, { config: subscribers('read') }, async (request, reply) => {
    const rows = await listSubscribers();
    request.auditRecords = rows.map((r) => r.id);
    return sendPage(reply, <SubscribersPage {...page(request)} rows={rows} />);
  });
  app.get(`${STAFF_PATH}/abonnements.csv`, { config: subscribers('export') }, async (request, reply) => {
    const rows = await listSubscribers();
    request.auditRecords = rows.map((r) => r.id);
    // A code, said in words on the DPO's access log (gdpr.audit-reasons.ts).
    request.auditReason = 'subscriber-list';
    const lines = [
      ['email', 'name', 'topics', 'confirmed_at', 'measure'].map(csvCell).join(';'),
      ...rows.map((r) =>
        [r.email, r.name ?? '', r.topics.join(','), r.confirmed_at?.toISOString() ?? '', String(r.measure)].map(csvCell).join(';'),
      ),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="newsletter-abonnements.csv"')
      .header('cache-control', 'no-store')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  const topicsPage = async (request: FastifyRequest, reply: FastifyReply, values?: FormValues, errors?: FieldErrors) => {
    const topics = await db.selectFrom('newsletter_topics').selectAll().orderBy('created_at').execute();
    return sendPage(reply, <TopicsPage {...page(request)} topics={topics} values={values} errors={errors} />, errors ? 400 : 200);
  };
  app.get(`${STAFF_PATH}/themen`, { config: marketing }, (request, reply) => topicsPage(request, reply));
  app.post(`${STAFF_PATH}/themen`, { config: marketing }, async (request, reply) => {
    const locale = viewContextFor(request).locale;
    const form = validateForm(topicSchema, request.body, {
      locale,
      labels: { id: t(request)('topics.id'), name_de: t(request)('topics.nameDe'), name_en: t(request)('topics.nameEn') },
      messages: staffMessages,
    });
    if (!form.ok) return topicsPage(request, reply, form.values, form.errors);
    const added = await db
      .insertInto('newsletter_topics')
      .values({ ...form.data, created_at: ctx.clock.now() })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!added) return topicsPage(request, reply, form.values, { id: t(request)('topics.taken') });
    return reply.redirect(`${STAFF_PATH}/themen`, 303);
  });

  const validateCampaign = async (request: FastifyRequest) => {
    const locale = viewContextFor(request).locale;
    const topics = await topicOptions(db, locale);
    const form = validateForm(
      campaignSchema.refine((c) => !c.topic || topics.some((x) => x.value === c.topic), { path: ['topic'], message: 'topic' }),
      request.body,
      { locale, labels: campaignLabels(locale) },
    );
    return { form, topics };
  };

  app.get(`${STAFF_PATH}/aussendungen/neu`, { config: marketing }, async (request, reply) => {
    const { view, frame } = page(request);
    return sendPage(reply, <NewCampaignPage view={view} frame={frame} topics={await topicOptions(db, view.locale)} />);
  });
  app.post(`${STAFF_PATH}/aussendungen`, { config: marketing }, async (request, reply) => {
    const { form, topics } = await validateCampaign(request);
    if (!form.ok)
      return sendPage(reply, <NewCampaignPage {...page(request)} topics={topics} values={form.values} errors={form.errors} />, 400);
    const row = await db
      .insertInto('newsletter_campaigns')
      .values({
        subject: form.data.subject,
        markdown: form.data.markdown,
        topic: form.data.topic || null,
        status: 'draft',
        scheduled_at: null,
        created_at: ctx.clock.now(),
        started_at: null,
        finished_at: null,
        tracking_key: null,
        key_destroyed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return reply.redirect(`${STAFF_PATH}/aussendungen/${row.id}`, 303);
  });

  const load = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    const row = isUuid(id) ? await db.selectFrom('newsletter_campaigns').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new HttpError(404);
    return row;
  };
  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: FormValues; errors?: FieldErrors; scheduleErrors?: FieldErrors; notice?: string } = {},
  ) => {
    const c = await load(request);
    const { view, frame } = page(request);
    const body = compileCampaign(c.markdown);
    const progress = await sql<{ total: number; sent: number; failed: number }>`
      select count(*)::int as total, count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed
      from newsletter_sends where campaign_id = ${c.id}`.execute(ctx.db);
    const counts = await db.selectFrom('newsletter_counts').select(['link', 'count']).where('campaign_id', '=', c.id).execute();
    const links = c.status === 'draft' || c.status === 'scheduled' ? body.links : c.links.map((l) => l.url);
    const fill = (s: string) => s.replace(/https:\/\/link\.invalid\/(\d+)/g, (_m, n: string) => body.links[Number(n)] ?? '');
    const status = extra.errors || extra.scheduleErrors ? 400 : 200;
    return sendPage(
      reply,
      <CampaignPage
        view={view}
        frame={frame}
        campaign={{
          id: c.id,
          subject: c.subject,
          status: c.status,
          scheduled_at: c.scheduled_at,
          key_destroyed_at: c.key_destroyed_at,
          links,
        }}
        topics={await topicOptions(db, view.locale)}
        values={extra.values ?? { subject: c.subject, topic: c.topic ?? '', markdown: c.markdown }}
        errors={extra.errors}
        scheduleErrors={extra.scheduleErrors}
        notice={extra.notice}
        previewHtml={fill(body.html)}
        previewText={fill(body.text)}
        progress={progress.rows[0] ?? { total: 0, sent: 0, failed: 0 }}
        counts={{
          opens: counts.find((x) => x.link === -1)?.count ?? 0,
          clicks: links.map((_l, i) => counts.find((x) => x.link === i)?.count ?? 0),
        }}
      />,
      status,
    );
  };
  const base = `${STAFF_PATH}/aussendungen/:id`;
  app.get(base, { config: marketing }, (request, reply) => detail(request, reply));
  app.post(base, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    const { form } = await validateCampaign(request);
    if (!form.ok) return detail(request, reply, { values: form.values, errors: form.errors });
    await db
      .updateTable('newsletter_campaigns')
      .set({ subject: form.data.subject, markdown: form.data.markdown, topic: form.data.topic || null })
      .where('id', '=', c.id)
      .where('status', 'in', ['draft', 'scheduled'])
      .execute();
    return detail(request, reply, { notice: t(request)('notice.saved') });
  });
  // The test goes to the member's own address only, through the outbox, exactly as subscribers would see it.
  app.post(`${base}/test`, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    const member = request.staff as NonNullable<FastifyRequest['staff']>;
    const mail = personalise(ctx.config, { id: c.id, subject: `[Test] ${c.subject}`, trackingKey: null }, compileCampaign(c.markdown), {
      id: '00000000-0000-4000-8000-000000000000',
      locale: viewContextFor(request).locale,
      measure: false,
    });
    await enqueueMail(db, ctx, {
      to: member.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      activity: SUBSCRIPTION_ACTIVITY,
      reference: c.id,
    });
    return detail(request, reply, { notice: t(request)('notice.test', { email: member.email }) });
  });
  app.post(`${base}/planen`, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    const locale = viewContextFor(request).locale;
    const form = validateForm(whenSchema, request.body, { locale, labels: campaignLabels(locale) });
    const at = form.ok ? berlinToUtc(form.data.when.slice(0, 10), form.data.when.slice(11, 16)) : null;
    if (!form.ok || !at || Number.isNaN(at.getTime()) || at <= ctx.clock.now())
      return detail(request, reply, {
        scheduleErrors: form.ok ? { when: t(request)('when.past') } : form.errors,
        values: { subject: c.subject, topic: c.topic ?? '', markdown: c.markdown, ...form.values },
      });
    await db
      .updateTable('newsletter_campaigns')
      .set({ status: 'scheduled', scheduled_at: at })
      .where('id', '=', c.id)
      .where('status', 'in', ['draft', 'scheduled'])
      .execute();
    return detail(request, reply, { notice: t(request)('notice.scheduled') });
  });
  // Starts at once; the dispatch job (every minute, or a worker already running) sends.
  app.post(`${base}/jetzt`, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    await startCampaign(ctx, c.id);
    return reply.redirect(`${STAFF_PATH}/aussendungen/${c.id}`, 303);
  });
  app.post(`${base}/pausieren`, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    await db.updateTable('newsletter_campaigns').set({ status: 'paused' }).where('id', '=', c.id).where('status', '=', 'sending').execute();
    return detail(request, reply, { notice: t(request)('notice.paused') });
  });
  app.post(`${base}/fortsetzen`, { config: marketing }, async (request, reply) => {
    const c = await load(request);
    await db.updateTable('newsletter_campaigns').set({ status: 'sending' }).where('id', '=', c.id).where('status', '=', 'paused').execute();
    return detail(request, reply, { notice: t(request)('notice.resumed') });
  });
}
