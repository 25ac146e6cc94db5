import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { DAY_MS } from '../../core/clock.ts';
import { runRetention } from '../../core/privacy/index.ts';
import { pseudonym } from './newsletter.links.ts';
import { sendCampaign, startCampaign } from './newsletter.send.ts';
import { MEASUREMENT_ACTIVITY } from './newsletter.subscriptions.ts';
import type { NewsletterTables } from './newsletter.tables.ts';
import { addCampaign, addSubscribers } from './newsletter.testing.ts';

const BOUNCE_SECRET = 'b'.repeat(40);
let smtp: TestSmtpServer;
let t: TestApp;
const db = () => t.database.db.withTables<NewsletterTables>();
const decodeQp = (s: string) =>
  Buffer.from(
    s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => `%${h}`),
    'latin1',
  ).toString();
const mailTo = (address: string) => {
  const m = smtp.received.find((x) => x.to[0] === address);
  if (!m) throw new Error(`no mail to ${address}`);
  return decodeURIComponent(decodeQp(m.raw)).replace(/&amp;/g, '&');
};
const counts = async () =>
  Object.fromEntries((await db().selectFrom('newsletter_counts').select(['link', 'count']).execute()).map((c) => [c.link, c.count]));

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '100000', NEWSLETTER_BOUNCE_SECRET: BOUNCE_SECRET } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});
beforeEach(async () => {
  smtp.received.splice(0);
  await db().deleteFrom('newsletter_campaigns').execute();
  await db().deleteFrom('newsletter_subscribers').execute();
  t.clock.set('2026-06-02T10:00:00Z');
});

async function sentCampaign() {
  const [measured] = await addSubscribers(t.database.db, ['measured@example.org']);
  const [objector] = await addSubscribers(t.database.db, ['objector@example.org'], { measure: false });
  const id = await addCampaign(t.database.db, {
    markdown: 'Neu: [Solarkataster](https://www.example.org/solar) und [Bäder](https://www.example.org/baeder)',
  });
  await startCampaign(t.ctx, id);
  await sendCampaign(t.ctx, id);
  return { id, measured: measured as { id: string }, objector: objector as { id: string } };
}

describe('opens and clicks, pseudonymised', () => {
  test('[C53] opens and clicks count once per pseudonym under the campaign key; the stored pseudonym names nobody; forged tokens count nothing', async () => {
    const { id, measured } = await sentCampaign();
    const mail = mailTo('measured@example.org');
    const pixel = /http:\/\/localhost:3000(\/newsletter\/o\/[^"\s]+)/.exec(mail)?.[1] as string;
    const clicks = [...mail.matchAll(/http:\/\/localhost:3000(\/newsletter\/c\/[^"\s)]+)/g)].map((m) => m[1] as string);
    expect(pixel).toBeDefined();
    expect(new Set(clicks).size).toBe(2);
    expect(mail).not.toContain('href="https://www.example.org/solar"');

    for (let i = 0; i < 3; i++) {
      const open = await t.app.inject({ method: 'GET', url: pixel });
      expect(open.statusCode).toBe(200);
      expect(open.headers['content-type']).toBe('image/gif');
      expect(open.headers['set-cookie']).toBeUndefined();
    }
    const click = await t.app.inject({ method: 'GET', url: clicks.find((c) => c.includes(`/${id}/1/`)) as string });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://www.example.org/baeder');
    expect(await counts()).toEqual({ '-1': 1, '1': 1 });

    const events = await db().selectFrom('newsletter_events').selectAll().execute();
    const key = (await db().selectFrom('newsletter_campaigns').select('tracking_key').executeTakeFirstOrThrow()).tracking_key as string;
    // Only with the campaign's key does a pseudonym lead back to a subscriber.
    expect(new Set(events.map((e) => e.pseudonym))).toEqual(new Set([pseudonym(key, measured.id)]));
    expect(JSON.stringify(events)).not.toContain(measured.id);
    expect(JSON.stringify(events)).not.toContain('measured@');

    const forged = pixel.replace(/\/([^/]+)$/, '/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA');
    expect((await t.app.inject({ method: 'GET', url: forged })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/newsletter/c/${id}/9/x.y` })).statusCode).toBe(404);
    expect(await counts()).toEqual({ '-1': 1, '1': 1 });
  });

  test('[C53] a subscriber who opted out gets no pixel and plain links; one who objects later is taken out of the counts', async () => {
    const { measured } = await sentCampaign();
    const objectorMail = mailTo('objector@example.org');
    expect(objectorMail).not.toContain('/newsletter/o/');
    expect(objectorMail).not.toContain('/newsletter/c/');
    expect(objectorMail).toContain('href="https://www.example.org/solar"');

    const pixel = /http:\/\/localhost:3000(\/newsletter\/o\/[^"\s]+)/.exec(mailTo('measured@example.org'))?.[1] as string;
    await t.app.inject({ method: 'GET', url: pixel });
    expect(await counts()).toEqual({ '-1': 1 });
    const prefs = /http:\/\/localhost:3000(\/newsletter\/einstellungen\/[^"\s]+)/.exec(mailTo('measured@example.org'))?.[1] as string;
    const saved = await t.app.inject({
      method: 'POST',
      url: prefs,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=measured%40example.org&noMeasure=yes',
    });
    expect(saved.statusCode).toBe(200);
    expect(await counts()).toEqual({ '-1': 0 });
    await t.app.inject({ method: 'GET', url: pixel });
    expect(await counts()).toEqual({ '-1': 0 });
    expect(
      (await db().selectFrom('newsletter_subscribers').select('measure').where('id', '=', measured.id).executeTakeFirstOrThrow()).measure,
    ).toBe(false);
  });

  test('[C53] after the evaluation period the key is destroyed by the register rule: only anonymous counts remain, nothing more is counted', async () => {
    await sentCampaign();
    const pixel = /http:\/\/localhost:3000(\/newsletter\/o\/[^"\s]+)/.exec(mailTo('measured@example.org'))?.[1] as string;
    await t.app.inject({ method: 'GET', url: pixel });
    t.clock.advance(29 * DAY_MS);
    await runRetention(t.ctx, { trigger: 'test', activity: MEASUREMENT_ACTIVITY });
    expect((await db().selectFrom('newsletter_campaigns').select('tracking_key').executeTakeFirstOrThrow()).tracking_key).not.toBeNull();
    t.clock.advance(2 * DAY_MS);
    const report = await runRetention(t.ctx, { trigger: 'test', activity: MEASUREMENT_ACTIVITY });
    expect(report.rules.find((r) => r.rule === 'campaign-key')?.affected).toBe(1);
    const campaign = await db().selectFrom('newsletter_campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign.tracking_key).toBeNull();
    expect(campaign.key_destroyed_at).not.toBeNull();
    expect(await db().selectFrom('newsletter_events').selectAll().execute()).toEqual([]);
    expect(await counts()).toEqual({ '-1': 1 });
    await t.app.inject({ method: 'GET', url: pixel });
    expect(await counts()).toEqual({ '-1': 1 });
    expect(await db().selectFrom('newsletter_events').selectAll().execute()).toEqual([]);
  });
});

describe('bounces and complaints', () => {
  const bounce = (body: unknown, secret = BOUNCE_SECRET) =>
    t.app.inject({ method: 'POST', url: '/newsletter/bounce', headers: { authorization: `Bearer ${secret}` }, payload: body as object });

  test('only with the shared secret; a hard bounce or complaint stops sending to the address; a soft bounce sends that mail again', async () => {
    const { id } = await sentCampaign();
    expect((await bounce({ type: 'hard', email: 'measured@example.org' }, 'wrong'.repeat(8))).statusCode).toBe(401);
    expect((await bounce({ type: 'what' })).statusCode).toBe(400);
    expect(await db().selectFrom('newsletter_subscribers').select('email').orderBy('email').execute()).toHaveLength(2);

    const objectorMail = smtp.received.find((m) => m.to[0] === 'objector@example.org');
    const soft = await bounce({ type: 'soft', messageId: objectorMail?.header('message-id') });
    expect(soft.statusCode).toBe(202);
    expect((await db().selectFrom('newsletter_campaigns').select('status').executeTakeFirstOrThrow()).status).toBe('sending');
    smtp.received.splice(0);
    t.clock.advance(61_000);
    await sendCampaign(t.ctx, id);
    expect(smtp.received.map((m) => [m.to[0], m.header('message-id')])).toEqual([
      ['objector@example.org', objectorMail?.header('message-id')],
    ]);

    const measuredMail = (
      await db().selectFrom('newsletter_sends').select('message_id').where('email', '=', 'measured@example.org').executeTakeFirstOrThrow()
    ).message_id;
    expect(await (await bounce({ type: 'hard', messageId: measuredMail })).json()).toEqual({ outcome: 'removed' });
    expect(await (await bounce({ type: 'complaint', email: 'Objector@example.org' })).json()).toEqual({ outcome: 'removed' });
    expect(await db().selectFrom('newsletter_subscribers').select('email').execute()).toEqual([]);
    expect((await db().selectFrom('newsletter_withdrawals').select('channel').orderBy('channel').execute()).map((w) => w.channel)).toEqual([
      'complaint',
      'hard-bounce',
    ]);
  });
});
