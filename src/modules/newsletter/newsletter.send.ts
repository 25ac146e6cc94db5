import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { domainOf, isPermanentFailure, type MailTransport, retryDelayMs, senderAddress } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { pausePoint } from '../../core/pause-point.ts';
import { claimFeed, groupCommit } from './newsletter.batching.ts';
import { newTrackingKey } from './newsletter.links.ts';
import { campaignRenderer, compileCampaign } from './newsletter.render.ts';
import { withdraw } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { createNewsletterTransport } from './newsletter.transport.ts';

export type SendContext = Pick<AppContext, 'db' | 'config' | 'clock' | 'log'>;

/**
 * Starts a draft or scheduled campaign: one send row per active subscriber of its topic, each
 * with its Message-ID fixed now, and the campaign's tracking key. Returns the number of rows;
 * null if the campaign was not waiting to start (already started by someone else).
 */
export async function startCampaign(ctx: SendContext, campaignId: string): Promise<number | null> {
  const db = ctx.db.withTables<NewsletterTables>();
  const domain = domainOf(senderAddress(ctx.config));
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom('newsletter_campaigns')
      .select(['id', 'topic', 'markdown'])
      .where('id', '=', campaignId)
      .where('status', 'in', ['draft', 'scheduled'])
      .forUpdate()
      .executeTakeFirst();
    if (!campaign) return null;
    const now = ctx.clock.now();
    const inserted = await sql`
      insert into newsletter_sends (campaign_id, subscriber_id, email, status, next_attempt_at, message_id)
      select ${campaign.id}, s.id, s.email, 'pending', ${now.toISOString()}::timestamptz, '<nl.' || gen_random_uuid() || ${`@${domain}>`}
      from newsletter_subscribers s
      where s.status = 'active' and (${campaign.topic}::text is null or ${campaign.topic}::text = any(s.topics))
      on conflict do nothing`.execute(trx);
    await trx
      .updateTable('newsletter_campaigns')
      .set({
        status: 'sending',
        started_at: now,
        tracking_key: newTrackingKey(),
        links: JSON.stringify(compileCampaign(campaign.markdown).links.map((url) => ({ url }))),
      })
      .where('id', '=', campaign.id)
      .execute();
    return Number(inserted.numAffectedRows ?? 0);
  });
}

interface ClaimedSend {
  id: string;
  email: string;
  message_id: string;
  attempts: number;
  subscriber_id: string;
  locale: 'de' | 'en';
  measure: boolean;
}

/**
 * Rows one claim takes: one statement per 200 mails instead of one per mail. It does not widen
 * the double-send window, which lies only between a mail's acceptance and its own mark; rows
 * claimed and not yet attempted at a kill go out once, after the lease.
 */
export const CLAIM_BATCH = 200;

/**
 * Claims due rows of a campaign that is sending: pending and due, or left 'sending' by a sender
 * whose lease ran out (it died between claim and mark). Rows this run claimed itself are never
 * orphans, whatever the lease (0 in tests): they may be in flight. SKIP LOCKED: concurrent
 * senders never wait for each other and never take the same row. The claim commits before the
 * SMTP calls, so after a kill the rows say they may have gone out. In the order of the partial
 * index on (campaign_id, next_attempt_at), so a claim reads its batch, not the whole campaign.
 */
async function claimBatch(ctx: SendContext, campaignId: string, runStartedAt: Date): Promise<ClaimedSend[]> {
  const now = ctx.clock.now();
  // A row claimed before this instant belongs to a sender that is gone: SMTP timeouts end any live send sooner.
  const orphanedBefore = new Date(now.getTime() - ctx.config.NEWSLETTER_SEND_LEASE_SECONDS * 1000);
  const { rows } = await sql<ClaimedSend>`
    with next as (
      select s.id from newsletter_sends s
      join newsletter_campaigns c on c.id = s.campaign_id and c.status = 'sending'
      where s.campaign_id = ${campaignId} and s.status in ('pending', 'sending')
        and ((s.status = 'pending' and s.next_attempt_at <= ${now.toISOString()}::timestamptz)
          or (s.status = 'sending' and s.claimed_at <= ${orphanedBefore.toISOString()}::timestamptz
            and s.claimed_at < ${runStartedAt.toISOString()}::timestamptz))
      order by s.next_attempt_at
      limit ${CLAIM_BATCH}
      for update of s skip locked
    )
    update newsletter_sends s
    set status = 'sending', attempts = s.attempts + 1, claimed_at = ${now.toISOString()}::timestamptz
    from next, newsletter_subscribers sub
    where s.id = next.id and sub.id = s.subscriber_id
    returning s.id, s.email, s.message_id, s.attempts, sub.id as subscriber_id, sub.locale, sub.measure`.execute(ctx.db);
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Gives rows claimed but not attempted back at once, so no other sender waits for a lease. */
async function release(ctx: SendContext, rows: readonly ClaimedSend[]): Promise<void> {
  if (rows.length === 0) return;
  await ctx.db
    .withTables<NewsletterTables>()
    .updateTable('newsletter_sends')
    .set((eb) => ({ status: 'pending', claimed_at: null, attempts: eb('attempts', '-', 1) }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'sending')
    .execute();
}

/** Paces the starts of all senders of a process to `perSecond`. */
function pace(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = performance.now();
  return async () => {
    const now = performance.now();
    const wait = next - now;
    next = Math.max(now, next) + interval;
    if (wait >= 1) await sleep(wait);
  };
}

export interface SendReport {
  sent: number;
  deferred: number;
  failed: number;
}

/**
 * Sends a campaign until no row is due, paced to the configured rate, over one pool of
 * `concurrency` SMTP connections with `NEWSLETTER_IN_FLIGHT` mails queued on each, so a
 * connection never idles while the next mail is handed over. Rows are claimed 200 at a time
 * (marked 'sending', committed) before any SMTP call; each mail is marked 'sent' after the
 * server accepted it, in one statement with the marks of the other senders waiting then (group
 * commit), and its sender takes the next row only once that mark is committed. A kill therefore
 * leaves at most concurrency × in-flight mails accepted but not marked; after the lease the next
 * run sends those again with the same Message-ID — the one case in which a mail can arrive
 * twice, and then as the same message, which mail systems recognise (decision 017). Every other
 * row claimed at the kill was not yet handed to SMTP and goes out once. Safe to run in several
 * processes at once. Memory stays flat: a process holds one claimed batch, never the list.
 */
export async function sendCampaign(
  ctx: SendContext,
  campaignId: string,
  options: { transport?: MailTransport; concurrency?: number; ratePerSecond?: number } = {},
): Promise<SendReport> {
  const db = ctx.db.withTables<NewsletterTables>();
  const report: SendReport = { sent: 0, deferred: 0, failed: 0 };
  const campaign = await db.selectFrom('newsletter_campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
  if (campaign?.status !== 'sending') return report;
  const runStartedAt = ctx.clock.now();
  const render = campaignRenderer(
    ctx.config,
    { id: campaign.id, subject: campaign.subject, trackingKey: campaign.tracking_key },
    compileCampaign(campaign.markdown),
  );
  const concurrency = options.concurrency ?? ctx.config.NEWSLETTER_CONCURRENCY;
  const senders = concurrency * ctx.config.NEWSLETTER_IN_FLIGHT;
  const transport = options.transport ?? createNewsletterTransport(ctx, concurrency);
  const wait = pace(options.ratePerSecond ?? ctx.config.NEWSLETTER_RATE_PER_SECOND);
  const from = { name: ctx.config.organisation.name, address: senderAddress(ctx.config) };
  const feed = claimFeed(() => claimBatch(ctx, campaignId, runStartedAt), senders);
  const markSent = groupCommit<string>(async (ids) => {
    const marked = await db
      .updateTable('newsletter_sends')
      .set({ status: 'sent', done_at: ctx.clock.now(), claimed_at: null, last_error: null })
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .returning((eb) => eb.selectFrom('newsletter_campaigns').select('status').where('id', '=', campaignId).as('campaign_status'))
      .execute();
    // Paused or cancelled meanwhile: no more rows are handed out, so only the mails then in
    // flight go after it (at most senders), not the rest of a claimed batch of 200. The rows
    // not attempted go back to pending below. Read with the mark: no statement of its own.
    if (marked.some((row) => row.campaign_status !== 'sending')) feed.halt();
  });

  const sender = async () => {
    for (let row = await feed.next(); row; row = await feed.next()) {
      await pausePoint(ctx.config, 'newsletter-send-claimed');
      const mail = render({ id: row.subscriber_id, locale: row.locale, measure: row.measure });
      await wait();
      try {
        await transport.send({ from, to: row.email, ...mail, messageId: row.message_id, date: ctx.clock.now() });
      } catch (err) {
        await failed(ctx, row, err, report);
        continue;
      }
      await pausePoint(ctx.config, 'newsletter-send-accepted');
      await markSent(row.id);
      report.sent++;
    }
  };
  try {
    const outcomes = await Promise.allSettled(
      Array.from({ length: senders }, () =>
        sender().catch((err) => {
          // One sender's database error stops the others from taking more rows.
          feed.halt();
          throw err;
        }),
      ),
    );
    const failure = outcomes.find((o) => o.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await release(ctx, await feed.stop());
    if (!options.transport) transport.close();
  }
  await finishIfDone(ctx, campaignId);
  return report;
}

/**
 * A refusal of the address itself (5xx at RCPT or DATA) is a hard bounce: the address leaves the
 * list. Anything else (4xx, connection) is retried with back-off up to MAIL_MAX_ATTEMPTS.
 */
async function failed(ctx: SendContext, row: ClaimedSend, err: unknown, report: SendReport): Promise<void> {
  const db = ctx.db.withTables<NewsletterTables>();
  const { code, responseCode } = err as { code?: string; responseCode?: number };
  ctx.log.warn({ send: row.id, attempts: row.attempts, code, responseCode }, 'newsletter not delivered');
  if (isPermanentFailure(err)) {
    await db.transaction().execute((trx) => withdraw(ctx as AppContext, trx, { id: row.subscriber_id }, 'hard-bounce'));
    report.failed++;
    return;
  }
  const giveUp = row.attempts >= ctx.config.MAIL_MAX_ATTEMPTS;
  const now = ctx.clock.now();
  await db
    .updateTable('newsletter_sends')
    .set({
      status: giveUp ? 'failed' : 'pending',
      claimed_at: null,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)),
      done_at: giveUp ? now : null,
      last_error: String((err as Error).message ?? err).slice(0, 1000),
    })
    .where('id', '=', row.id)
    .execute();
  if (giveUp) report.failed++;
  else report.deferred++;
}

/** The campaign is sent once no row is waiting or in flight. */
export async function finishIfDone(ctx: SendContext, campaignId: string): Promise<boolean> {
  const result = await sql`
    update newsletter_campaigns c set status = 'sent', finished_at = ${ctx.clock.now().toISOString()}::timestamptz
    where c.id = ${campaignId} and c.status = 'sending'
      and not exists (select 1 from newsletter_sends s where s.campaign_id = c.id and s.status in ('pending', 'sending'))`.execute(ctx.db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/**
 * The scheduler's round: starts campaigns whose time has come and sends every campaign that is
 * sending — new ones, resumed ones, and those a crashed process left behind.
 */
export async function dispatchCampaigns(ctx: SendContext): Promise<SendReport> {
  const db = ctx.db.withTables<NewsletterTables>();
  const due = await db
    .selectFrom('newsletter_campaigns')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', ctx.clock.now())
    .execute();
  for (const c of due) await startCampaign(ctx, c.id);
  const total: SendReport = { sent: 0, deferred: 0, failed: 0 };
  const sending = await db.selectFrom('newsletter_campaigns').select('id').where('status', '=', 'sending').orderBy('started_at').execute();
  for (const c of sending) {
    const r = await sendCampaign(ctx, c.id);
    total.sent += r.sent;
    total.deferred += r.deferred;
    total.failed += r.failed;
  }
  return total;
}
