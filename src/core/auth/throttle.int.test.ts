import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, formBody } from '../../../tests/support/customers.ts';
import { createTestStaff } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { MailTables } from '../mail/index.ts';

/** Findings 6 and 7 of the security review: sign-in throttles that count atomically and cannot lock an owner out. */
let t: TestApp;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const signInAt = (url: string, email: string, password: string, ip: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: formBody({ email, password, ...extra }), remoteAddress: ip });
const mailsTo = (email: string) =>
  t.database.db
    .withTables<MailTables>()
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', email)
    .orderBy('created_at', 'desc')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('sign-in throttle', () => {
  test('30 parallel wrong attempts get exactly 3 password checks, on the portal and on the staff sign-in (finding 6)', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    for (const [url, email, ip] of [
      ['/portal/anmelden', customer.email, '192.0.2.10'],
      ['/staff/anmelden', member.email, '192.0.2.11'],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 30 }, () => signInAt(url, email, 'not the right password at all', ip)));
      const codes = answers.map((a) => a.statusCode);
      expect(codes.filter((c) => c === 401).length, url).toBe(3);
      expect(codes.filter((c) => c === 429).length, url).toBe(27);
    }
  });

  test('the wait is said in the singular for one second, in the plural otherwise (finding 7)', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    for (let i = 0; i < 3; i++) await signInAt('/portal/anmelden', customer.email, 'wrong wrong wrong wrong', '192.0.2.20');
    const one = await signInAt('/portal/anmelden', customer.email, 'wrong wrong wrong wrong', '192.0.2.20');
    expect(one.statusCode).toBe(429);
    expect(one.body).toContain('Bitte warten Sie 1 Sekunde und');
    t.clock.advance(1_100);
    await signInAt('/portal/anmelden', customer.email, 'wrong wrong wrong wrong', '192.0.2.20');
    const two = await signInAt('/portal/anmelden', customer.email, 'wrong wrong wrong wrong', '192.0.2.20');
    expect(two.body).toContain('Bitte warten Sie 2 Sekunden und');
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    for (let i = 0; i < 3; i++) await signInAt('/staff/anmelden', member.email, 'wrong wrong wrong wrong', '192.0.2.21');
    const staff = await signInAt('/staff/anmelden', member.email, 'wrong wrong wrong wrong', '192.0.2.21');
    expect(staff.body).toContain('Bitte warten Sie 1 Sekunde und');
  });

  test('a stranger failing on an account slows down only the stranger: the owner from an address of their own gets in (finding 7)', async () => {
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    for (let i = 0; i < 6; i++) {
      await signInAt('/portal/anmelden', customer.email, 'a guess of the stranger', '192.0.2.30');
      t.clock.advance(5_000);
    }
    expect((await signInAt('/portal/anmelden', customer.email, customer.password, '192.0.2.30')).statusCode).toBe(429);
    expect((await signInAt('/portal/anmelden', customer.email, customer.password, '198.51.100.30')).statusCode).toBe(303);
  });

  test('failures from many addresses lock the account; its owner gets a mailed link and signs in with it, once (finding 7)', async () => {
    for (const side of ['portal', 'staff'] as const) {
      const who =
        side === 'portal'
          ? await createTestCustomer(t.database.db, t.clock.now())
          : await createTestStaff(t.database.db, ['editor'], t.clock.now());
      const url = side === 'portal' ? '/portal/anmelden' : '/staff/anmelden';
      // Ten strangers' addresses, three guesses each: no single address is slowed, the account is.
      for (let a = 0; a < 10; a++)
        for (let i = 0; i < 3; i++) await signInAt(url, who.email, `guess ${a} ${i} of a stranger`, `203.0.113.${100 + a}`);
      const locked = await signInAt(url, who.email, who.password, '198.51.100.40');
      expect(locked.statusCode, side).toBe(429);
      expect(locked.body, side).toMatch(/gesperrt/);
      // A stranger's address that never failed is locked out just the same, and no second mail goes out.
      expect((await signInAt(url, who.email, who.password, '198.51.100.41')).statusCode, side).toBe(429);
      const mails = await mailsTo(who.email);
      expect(mails, side).toHaveLength(1);
      const link = /(http:\/\/localhost:3000\S+entsperren=\S+)/.exec(mails[0]?.text_body ?? '')?.[1] as string;
      const page = await t.app.inject({ method: 'GET', url: link.replace('http://localhost:3000', ''), remoteAddress: '198.51.100.40' });
      expect(page.statusCode, side).toBe(200);
      const unlock = /name="unlock" value="([^"]+)"/.exec(page.body)?.[1] as string;
      // The link without the password is nothing; with it, the owner is in.
      expect((await signInAt(url, who.email, 'guess of a stranger', '198.51.100.40', { unlock })).statusCode, side).toBe(401);
      expect((await signInAt(url, who.email, who.password, '198.51.100.40', { unlock })).statusCode, side).toBe(303);
      // The lock is lifted: the owner signs in without the link again.
      const again = await signInAt(url, who.email, who.password, '198.51.100.42', { unlock });
      expect(again.statusCode, side).toBe(303);
    }
  });
});
