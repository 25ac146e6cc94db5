import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { formBody } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTransport } from '../../core/mail/index.ts';
import { sendCampaign, startCampaign } from './newsletter.send.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { addCampaign, addSubscribers } from './newsletter.testing.ts';
import { createNewsletterTransport } from './newsletter.transport.ts';

let smtp: TestSmtpServer;
let t: TestApp;
const db = () => t.database.db.withTables<NewsletterTables>();
const decodeQp = (s: string) =>
  s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const byRecipient = () => new Map(smtp.received.map((m) => [m.to[0] as string, m]));
const ids = () => smtp.received.map((m) => m.header('message-id'));

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '100000', NEWSLETTER_CONCURRENCY: '3' } });
  await db().insertInto('newsletter_topics').values({ id: 'baeder', name_de: 'Bäder', name_en: 'Pools', created_at: new Date() }).execute();
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});
beforeEach(async () => {
  smtp.received.splice(0);
  smtp.unknownMailboxes.clear();
  await db().deleteFrom('newsletter_campaigns').execute();
  await db().deleteFrom('newsletter_subscribers').execute();
  await db().deleteFrom('newsletter_withdrawals').execute();
  t.clock.set('2026-06-02T10:00:00Z');
});

describe('sending a campaign', () => {
  test('every active subscriber of the topic gets exactly one mail, each with its own Message-ID; others get none', async () => {
    const pool = await addSubscribers(
      t.database.db,
      Array.from({ length: 40 }, (_, i) => `bad${i}@example.org`),
      { topics: ['baeder'] },
    );
    await addSubscribers(t.database.db, ['other@example.org']);
    await db()
      .insertInto('newsletter_subscribers')
      .values({
        ...{
          email: 'pending@example.org',
          locale: 'de',
          status: 'pending',
          topics: ['baeder'],
          requested_at: new Date(),
          request_form: '/newsletter',
          statement_version: 1,
          salutation: null,
          name: null,
          confirm_token_hash: 'x',
          confirmed_at: null,
          new_email: null,
          new_email_token_hash: null,
          new_email_requested_at: null,
        },
      })
      .execute();
    const id = await addCampaign(t.database.db, { topic: 'baeder' });
    expect(await startCampaign(t.ctx, id)).toBe(40);
    expect(await startCampaign(t.ctx, id)).toBeNull();
    // Two processes' worth of senders at once: SKIP LOCKED keeps them apart.
    const [a, b] = await Promise.all([sendCampaign(t.ctx, id), sendCampaign(t.ctx, id)]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(40);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(pool.map((p) => p.email).sort());
    expect(new Set(ids()).size).toBe(40);
    const campaign = await db().selectFrom('newsletter_campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign.status).toBe('sent');
    const sends = await db().selectFrom('newsletter_sends').select(['status', 'message_id']).execute();
    expect(sends.every((s) => s.status === 'sent')).toBe(true);
    expect(new Set(sends.map((s) => s.message_id))).toEqual(new Set(ids()));
  });

  test('a run never takes back rows it claimed itself, even with a lease of 0 s: many senders, each mail once', async () => {
    await addSubscribers(
      t.database.db,
      Array.from({ length: 60 }, (_, i) => `l${i}@example.org`),
    );
    const id = await addCampaign(t.database.db);
    await startCampaign(t.ctx, id);
    // Lease 0: a row in flight counts as an orphan at once; 3 connections × 4 in flight claim and mark meanwhile.
    const ctx = { ...t.ctx, config: { ...t.ctx.config, NEWSLETTER_SEND_LEASE_SECONDS: 0, NEWSLETTER_IN_FLIGHT: 4 } };
    expect((await sendCampaign(ctx, id)).sent).toBe(60);
    expect(smtp.received).toHaveLength(60);
    expect(new Set(ids()).size).toBe(60);
  });

  test('[C55] every mail carries the preference link, a visible unsubscribe link and RFC 8058 one-click headers; the POST removes the address at once', async () => {
    const [erika] = await addSubscribers(t.database.db, ['erika@example.org']);
    await addSubscribers(t.database.db, ['john@example.org'], { locale: 'en' });
    const id = await addCampaign(t.database.db);
    await startCampaign(t.ctx, id);
    await sendCampaign(t.ctx, id);
    const mails = byRecipient();
    for (const [address, mail] of mails) {
      const unsubscribe = /^<(http:\/\/localhost:3000\/(?:en\/)?newsletter\/(?:abmelden|unsubscribe)\/[^>]+)>$/.exec(
        mail.header('list-unsubscribe') ?? '',
      )?.[1];
      expect(unsubscribe, address).toBeDefined();
      expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const raw = decodeQp(mail.raw);
      expect(raw).toContain(unsubscribe as string);
      expect(raw).toMatch(/newsletter\/(einstellungen|settings)\//);
      expect(raw).toMatch(address.startsWith('john') ? /Unsubscribe/ : /Newsletter abbestellen/);
    }
    const mail = mails.get('erika@example.org');
    const url = new URL(/^<([^>]+)>$/.exec(mail?.header('list-unsubscribe') ?? '')?.[1] as string);
    // What a mail program sends (RFC 8058 §3.2): a POST with this one field, no cookie, no origin.
    const res = await t.app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ 'List-Unsubscribe': 'One-Click' }),
    });
    expect(res.statusCode).toBe(200);
    expect(await db().selectFrom('newsletter_subscribers').select('email').execute()).toEqual([{ email: 'john@example.org' }]);
    expect(
      await db()
        .selectFrom('newsletter_sends')
        .select('id')
        .where('subscriber_id', '=', erika?.id as string)
        .execute(),
    ).toEqual([]);
    expect(await db().selectFrom('newsletter_withdrawals').select('channel').execute()).toEqual([{ channel: 'one-click' }]);

    // The next campaign does not reach the address.
    smtp.received.splice(0);
    const next = await addCampaign(t.database.db);
    await startCampaign(t.ctx, next);
    await sendCampaign(t.ctx, next);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['john@example.org']);
  });

  test('pause stops the senders; resume carries on with the rest, nothing twice', async () => {
    await addSubscribers(
      t.database.db,
      Array.from({ length: 12 }, (_, i) => `p${i}@example.org`),
    );
    const id = await addCampaign(t.database.db);
    await startCampaign(t.ctx, id);
    await db().updateTable('newsletter_campaigns').set({ status: 'paused' }).where('id', '=', id).execute();
    expect(await sendCampaign(t.ctx, id)).toEqual({ sent: 0, deferred: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    await db().updateTable('newsletter_campaigns').set({ status: 'sending' }).where('id', '=', id).execute();
    expect((await sendCampaign(t.ctx, id)).sent).toBe(12);
    expect(new Set(ids()).size).toBe(12);
    expect(smtp.received).toHaveLength(12);
  });

  test('a pause while sending stops it within the mails then in flight, not the rest of the claimed batch; resume sends the rest once', async () => {
    await addSubscribers(
      t.database.db,
      Array.from({ length: 30 }, (_, i) => `w${i}@example.org`),
    );
    const id = await addCampaign(t.database.db);
    await startCampaign(t.ctx, id);
    const real = createNewsletterTransport(t.ctx, 1);
    let handedOver = 0;
    // Staff press pause while the fifth mail is with the server (all 30 rows are claimed at once).
    const transport: MailTransport = {
      async send(mail) {
        handedOver += 1;
        if (handedOver === 5) await db().updateTable('newsletter_campaigns').set({ status: 'paused' }).where('id', '=', id).execute();
        await real.send(mail);
      },
      close: () => real.close(),
    };
    const senders = 1 * t.ctx.config.NEWSLETTER_IN_FLIGHT;
    const paused = await sendCampaign(t.ctx, id, { transport, concurrency: 1 });
    transport.close();
    expect(paused.sent).toBeGreaterThanOrEqual(5);
    expect(paused.sent).toBeLessThanOrEqual(5 + senders);
    expect(smtp.received).toHaveLength(paused.sent);
    const left = await db()
      .selectFrom('newsletter_sends')
      .select(['status'])
      .where('campaign_id', '=', id)
      .where('status', '!=', 'sent')
      .execute();
    expect(left).toEqual(Array(30 - paused.sent).fill({ status: 'pending' }));

    await db().updateTable('newsletter_campaigns').set({ status: 'sending' }).where('id', '=', id).execute();
    expect((await sendCampaign(t.ctx, id)).sent).toBe(30 - paused.sent);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(30);
    expect(smtp.received).toHaveLength(30);
  });

  test('a refused mailbox (5xx) is a hard bounce: the address leaves the list; an outage (no server) is retried later', async () => {
    await addSubscribers(t.database.db, ['gone@example.org', 'here@example.org']);
    smtp.unknownMailboxes.add('gone@example.org');
    const id = await addCampaign(t.database.db);
    await startCampaign(t.ctx, id);
    expect(await sendCampaign(t.ctx, id)).toEqual({ sent: 1, deferred: 0, failed: 1 });
    expect(await db().selectFrom('newsletter_subscribers').select('email').execute()).toEqual([{ email: 'here@example.org' }]);
    expect(await db().selectFrom('newsletter_withdrawals').select('channel').execute()).toEqual([{ channel: 'hard-bounce' }]);

    smtp.received.splice(0);
    const next = await addCampaign(t.database.db);
    await startCampaign(t.ctx, next);
    await smtp.stop();
    expect(await sendCampaign(t.ctx, next, { concurrency: 1 })).toEqual({ sent: 0, deferred: 1, failed: 0 });
    await smtp.restart();
    // Not due yet: the back-off holds it.
    expect((await sendCampaign(t.ctx, next)).sent).toBe(0);
    t.clock.advance(61_000);
    expect((await sendCampaign(t.ctx, next)).sent).toBe(1);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['here@example.org']);
    expect((await db().selectFrom('newsletter_campaigns').select('status').where('id', '=', next).executeTakeFirstOrThrow()).status).toBe(
      'sent',
    );
  });
});
