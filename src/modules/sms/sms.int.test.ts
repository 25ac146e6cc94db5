import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type CustomerAgent, createTestCustomer, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { type HttpsRecorder, startHttpsRecorder } from '../../../tests/support/https-recorder.ts';
import { createTestStaff, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { loadConfig } from '../../core/config/index.ts';
import { type PrivacyTables, privacyJobs, privacyModule } from '../../core/privacy/index.ts';
import { deliverDueSms } from './sms.deliver.ts';
import { httpsProvider } from './sms.provider.ts';
import type { SmsTables } from './sms.tables.ts';

let t: TestApp;
let provider: HttpsRecorder;
const TOKEN = 'provider-token-that-must-stay-secret';
const db = () => t.database.db.withTables<SmsTables & PrivacyTables>();
const DAY = 86_400_000;
const START = new Date('2026-06-15T10:00:00Z');

beforeAll(async () => {
  provider = await startHttpsRecorder();
  t = await createTestApp({ env: { SMS_PROVIDER_URL: provider.url, SMS_PROVIDER_TOKEN: TOKEN, SMS_PROVIDER_CA_FILE: provider.caFile } });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});
beforeEach(() => {
  t.clock.set(START);
  provider.answers.length = 0;
});

async function customer(ip = '203.0.113.50'): Promise<{ c: TestCustomer; agent: CustomerAgent }> {
  const c = await createTestCustomer(t.database.db, t.clock.now());
  return { c, agent: await signInCustomer(t.app, c, ip) };
}
const send = (agent: CustomerAgent, to = '0171 2345678', text = 'Hallo, bis gleich!') => agent.post('/portal/sms', { recipient: to, text });
const usage = async (customerId: string) =>
  (await db().selectFrom('sms_daily_usage').select('sent').where('customer_id', '=', customerId).executeTakeFirst())?.sent ?? 0;

describe('free SMS', () => {
  test('the browser loads the same segment counter the server uses, as an ES module; its type declaration is not served', async () => {
    const shared = await t.app.inject({ method: 'GET', url: '/assets/sms-segments.mjs' });
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['content-type']).toMatch(/javascript/);
    expect(shared.body).toContain('export function countSegments');
    expect((await t.app.inject({ method: 'GET', url: '/assets/sms-counter.mjs' })).body).toContain("from './sms-segments.mjs'");
    expect((await t.app.inject({ method: 'GET', url: '/assets/sms-segments.d.mts' })).statusCode).toBe(404);
  });

  test('[C62] only a signed-in customer can send, 5 a day; bad numbers and overlong texts are refused and not counted', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/portal/sms' })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'POST', url: '/portal/sms', payload: { recipient: '01712345678', text: 'x' } })).statusCode).toBe(
      403,
    );
    const { c, agent } = await customer();
    expect((await agent.get('/portal/sms')).body).toContain('Heute noch 5 von 5 SMS.');
    const bad = await send(agent, '12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gültige deutsche Mobilnummer');
    expect((await send(agent, '0900 1234567')).statusCode).toBe(400);
    const long = await send(agent, '0171 2345678', 'ä'.repeat(160 * 3));
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('höchstens 3 SMS-Teile');
    expect(await usage(c.customerId)).toBe(0);
    for (let i = 1; i <= 5; i++) {
      const res = await send(agent, '+49 171 2345678', `Nachricht ${i}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Heute noch ${5 - i} von 5`);
    }
    const sixth = await send(agent);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('schon 5 SMS versendet');
    // the next day (Berlin) counts anew (signed in again: the session ended while idle)
    t.clock.set('2026-06-15T22:30:00Z');
    expect((await send(await signInCustomer(t.app, c))).statusCode).toBe(200);
  });

  test('the free SMS reaches German mobile numbers only: foreign mobiles and landlines are refused and not counted (security finding 11)', async () => {
    const { c, agent } = await customer();
    for (const to of ['+43 664 1234567', '+44 7700 900123', '0043 664 1234567', '030 12345678', '+49 30 12345678']) {
      const res = await send(agent, to);
      expect(res.statusCode, to).toBe(400);
      expect(res.body, to).toContain('gültige deutsche Mobilnummer');
    }
    expect(await usage(c.customerId)).toBe(0);
    expect((await send(agent, '0151 23456789')).statusCode).toBe(200);
  });

  test('[C62] 20 sends at once: exactly 5 get through (the database serialises the counter)', async () => {
    const { c, agent } = await customer();
    const before = provider.received.length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(agent, `+4917123456${String(i).padStart(2, '0')}`, `parallel ${i}`)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 200)).toHaveLength(5);
    expect(codes.filter((s) => s === 429)).toHaveLength(15);
    expect(await usage(c.customerId)).toBe(5);
    expect(await db().selectFrom('sms_outbox').select('id').where('customer_id', '=', c.customerId).execute()).toHaveLength(5);
    expect(await db().selectFrom('sms_abuse_record').select('id').where('customer_number', '=', c.customerNumber).execute()).toHaveLength(
      5,
    );
    await provider.waitFor(before + 5);
    expect(provider.received.length).toBe(before + 5);
  });

  test('[C63] only the number and the text reach the provider, over HTTPS, with nothing about the customer in the request', async () => {
    const { c, agent } = await customer('203.0.113.77');
    const before = provider.received.length;
    const res = await send(agent, '0171 7654321', 'Grüße aus Musterstadt €');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('ist verschickt');
    const [got] = (await provider.waitFor(before + 1)).slice(before);
    expect(got?.encrypted).toBe(true);
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/v1/messages');
    expect(JSON.parse(got?.body ?? '')).toEqual({ to: '+491717654321', text: 'Grüße aus Musterstadt €' });
    expect(Object.keys(got?.headers ?? {}).sort()).toEqual([
      'accept',
      'authorization',
      'connection',
      'content-length',
      'content-type',
      'host',
    ]);
    expect(got?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const everything = JSON.stringify(got);
    for (const secret of [c.customerNumber, c.email, c.lastName, '203.0.113.77', agent.cookie.split('=')[1] as string])
      expect(everything).not.toContain(secret);
  });

  test('[C63] the provider must be HTTPS with a certificate we trust', async () => {
    expect(() => loadConfig({ SMS_PROVIDER_URL: 'http://sms.example.org/send' })).toThrow(/SMS_PROVIDER_URL/);
    // Without the test CA the self-signed certificate is not trusted: nothing is sent.
    const untrusted = httpsProvider({ SMS_PROVIDER_URL: provider.url, SMS_PROVIDER_TOKEN: TOKEN, SMS_PROVIDER_CA_FILE: undefined });
    const before = provider.received.length;
    await expect(untrusted.send({ to: '+491711111111', text: 'x' })).rejects.toThrow(/cannot reach the provider/);
    expect(provider.received.length).toBe(before);
  });

  test('[C63] failed sends stay in the outbox and are retried; one that finally fails does not count against the limit', async () => {
    const { c, agent } = await customer();
    provider.answers.push(503);
    const res = await send(agent, '0171 2222222', 'erst beim zweiten Mal');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('liegt im Postausgang');
    const row = () => db().selectFrom('sms_outbox').selectAll().where('customer_id', '=', c.customerId).executeTakeFirstOrThrow();
    expect((await row()).status).toBe('pending');
    // not yet due: the retry waits a minute
    expect((await deliverDueSms(t.ctx)).sent).toBe(0);
    t.clock.advance(61_000);
    expect(await deliverDueSms(t.ctx)).toEqual({ sent: 1, deferred: 0, failed: 0 });
    expect((await row()).status).toBe('sent');
    expect(await usage(c.customerId)).toBe(1);

    // A message the provider refuses for good is given back at once.
    provider.answers.push(400);
    await send(agent, '0171 3333333', 'abgelehnt');
    expect(await usage(c.customerId)).toBe(1);
    // One that keeps failing until SMS_MAX_ATTEMPTS, too.
    provider.answers.push(...Array.from({ length: 8 }, () => 500));
    await send(agent, '0171 4444444', 'nie zustellbar');
    expect(await usage(c.customerId)).toBe(2);
    for (let i = 0; i < 8; i++) {
      t.clock.advance(61 * 60_000);
      await deliverDueSms(t.ctx);
    }
    expect(await usage(c.customerId)).toBe(1);
    const failed = await db()
      .selectFrom('sms_outbox')
      .select(['status', 'attempts', 'last_error'])
      .where('customer_id', '=', c.customerId)
      .where('status', '=', 'failed')
      .execute();
    expect(failed.map((f) => f.attempts).sort()).toEqual([1, 8]);
    for (const f of failed) expect(f.last_error).not.toContain(TOKEN);
  });

  test('[C64] each send leaves customer number, time and IP against abuse; the retention run deletes it after 90 days, and number and text after a day', async () => {
    const { c, agent } = await customer('198.51.100.64');
    await send(agent, '0171 5555555', 'alt');
    t.clock.set(new Date(START.getTime() + 80 * DAY));
    await send(await signInCustomer(t.app, c, '198.51.100.64'), '0171 5555555', 'neu');
    const records = await db()
      .selectFrom('sms_abuse_record')
      .selectAll()
      .where('customer_number', '=', c.customerNumber)
      .orderBy('sent_at')
      .execute();
    expect(records.map((r) => [r.customer_number, r.sent_at.toISOString(), r.ip])).toEqual([
      [c.customerNumber, START.toISOString(), '198.51.100.64'],
      [c.customerNumber, new Date(START.getTime() + 80 * DAY).toISOString(), '198.51.100.64'],
    ]);
    t.clock.set(new Date(START.getTime() + 91 * DAY));
    await privacyModule.jobs?.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    const left = await db().selectFrom('sms_abuse_record').select('sent_at').where('customer_number', '=', c.customerNumber).execute();
    expect(left.map((r) => r.sent_at.toISOString())).toEqual([new Date(START.getTime() + 80 * DAY).toISOString()]);
    expect(await db().selectFrom('sms_outbox').select('id').where('customer_id', '=', c.customerId).execute()).toEqual([]);
  });

  test('[C64] the 90 days are exact: a record just under 90 days old stays, one just over is deleted', async () => {
    const MINUTE = 60_000;
    const { c, agent } = await customer('198.51.100.91');
    await send(agent, '0171 5555555', 'älter');
    t.clock.set(new Date(START.getTime() + 2 * MINUTE));
    await send(await signInCustomer(t.app, c, '198.51.100.89'), '0171 5555555', 'jünger');
    t.clock.set(new Date(START.getTime() + 90 * DAY + MINUTE));
    await privacyJobs.find((j) => j.name === 'privacy.retention')?.run(t.ctx, {});
    const left = await db().selectFrom('sms_abuse_record').select('ip').where('customer_number', '=', c.customerNumber).execute();
    expect(left.map((r) => r.ip)).toEqual(['198.51.100.89']);
  });

  test('[C65] the legal department exports the record for a customer and a period with a case reference; the export is audited, other roles are refused', async () => {
    const { c, agent } = await customer('198.51.100.65');
    await send(agent);
    t.clock.set(new Date(START.getTime() + 3 * DAY));
    await send(await signInCustomer(t.app, c, '198.51.100.65'));
    t.clock.set(new Date(START.getTime() + 10 * DAY));
    await send(await signInCustomer(t.app, c, '198.51.100.65'));
    const legal = await signIn(t.app, await createTestStaff(t.database.db, ['legal'], t.clock.now()), t.clock);
    expect((await legal.get('/staff/sms/missbrauch')).statusCode).toBe(200);
    const noCase = await legal.post('/staff/sms/missbrauch/export', {
      customerNumber: c.customerNumber,
      from: '2026-06-15',
      to: '2026-06-20',
    });
    expect(noCase.statusCode).toBe(400);
    const since = t.clock.now();
    const res = await legal.post('/staff/sms/missbrauch/export', {
      customerNumber: c.customerNumber,
      from: '2026-06-15',
      to: '2026-06-20',
      caseReference: 'StA Musterstadt 123 Js 456/26',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toContain('StA Musterstadt 123 Js 456/26');
    const data = lines.filter((l) => l.startsWith(`"${c.customerNumber}"`));
    expect(data).toHaveLength(2);
    expect(data[0]).toContain('198.51.100.65');
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('occurred_at', '>=', since)
      .where('activity', '=', 'sms.abuse-record')
      .where('action', '=', 'export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'export', path: '/staff/sms/missbrauch/export' });
    expect(audit[0]?.reason).toContain('StA Musterstadt 123 Js 456/26');
    expect(audit[0]?.record_ids).toHaveLength(2);
    const service = await signIn(t.app, await createTestStaff(t.database.db, ['customer-service'], t.clock.now()), t.clock);
    expect(
      (
        await service.post('/staff/sms/missbrauch/export', {
          customerNumber: c.customerNumber,
          from: '2026-06-15',
          to: '2026-06-20',
          caseReference: 'x123',
        })
      ).statusCode,
    ).toBe(403);
  });
});
