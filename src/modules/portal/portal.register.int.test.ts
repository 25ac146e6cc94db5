import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LettersTables } from '../../core/letters/letters.tables.ts';
import type { MailTables } from '../../core/mail/mail.tables.ts';
import { currentTotp } from '../../core/auth/totp.ts';
import { createTestCustomer, formBody, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { cookieFrom } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { PortalTables } from './portal.tables.ts';

let t: TestApp;
const db = () => t.database.db.withTables<PortalTables & MailTables & LettersTables>();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'my electricity meter hums in b flat';
const KEY = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const post = (url: string, form: Record<string, string>, cookie?: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...FORM, ...(cookie ? { cookie } : {}) }, payload: formBody(form) });
const register = (
  c: Pick<TestCustomer, 'customerNumber' | 'lastName' | 'postcode'>,
  email: string,
  channel: 'post' | 'email',
  extra: Record<string, string> = {},
) =>
  post('/portal/registrieren', {
    customerNumber: c.customerNumber,
    name: c.lastName,
    postcode: c.postcode,
    email,
    password: PASSWORD,
    repeat: PASSWORD,
    channel,
    ...extra,
  });
const mailTo = async (email: string) =>
  db().selectFrom('mail_outbox').selectAll().where('recipient', '=', email).orderBy('created_at', 'desc').execute();
const keyOfMail = async (email: string) => KEY.exec((await mailTo(email))[0]?.text_body ?? '')?.[1] as string;
const activate = (email: string, key: string) => post('/portal/aktivieren', { email, key });

describe('registration (C35)', () => {
  test('[C35] registration asks for customer number, name, place of residence, a valid e-mail address and a password; nothing is stored on a mistake', async () => {
    const before = await db()
      .selectFrom('portal_accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const empty = await post('/portal/registrieren', {});
    expect(empty.statusCode).toBe(400);
    for (const field of ['customerNumber', 'name', 'postcode', 'email', 'password', 'repeat'])
      expect(empty.body).toContain(`href="#f-${field}"`);
    expect(empty.body).toContain('Kundennummer');
    expect(empty.body).toContain('Postleitzahl Ihres Wohnorts');
    const badMail = await post('/portal/registrieren', {
      customerNumber: '1',
      name: 'X',
      postcode: '1234',
      email: 'nope@',
      password: PASSWORD,
      repeat: PASSWORD,
      channel: 'post',
    });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.body).toContain('gültige E-Mail-Adresse');
    expect(badMail.body).toContain('fünfstellige Postleitzahl');
    const after = await db()
      .selectFrom('portal_accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  test('[C35] passwords: no composition rules, but common ones and short ones are refused', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const common = await register(c, 'common@example.org', 'email', { password: 'password1234', repeat: 'password1234' });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('häufig verwendeter Passwörter');
    const short = await register(c, 'common@example.org', 'email', { password: 'kurz', repeat: 'kurz' });
    expect(short.body).toContain('mindestens 12 Zeichen');
    // lower case letters and spaces only: accepted
    expect((await register(c, 'common@example.org', 'email')).statusCode).toBe(200);
  });

  test('[C35] the answer never tells whether a customer number exists or matched: the same page, in the same order of time', async () => {
    const known = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const active = await createTestCustomer(t.database.db, t.clock.now());
    const cases = {
      match: () => register(known, 'match@example.org', 'post'),
      wrongName: () => register({ ...known, lastName: 'Unbekannt' }, 'wrong@example.org', 'post'),
      wrongPostcode: () => register({ ...known, postcode: '99999' }, 'wrong@example.org', 'post'),
      unknownNumber: () => register({ ...known, customerNumber: '9999999' }, 'unknown@example.org', 'post'),
      alreadyActive: () => register(active, 'other@example.org', 'post'),
    };
    const bodies = new Map<string, string>();
    const times = new Map<string, number[]>();
    // Interleaved rounds, so a slow moment of the machine hits every case alike.
    for (let round = 0; round < 5; round++) {
      for (const [name, run] of Object.entries(cases)) {
        const started = performance.now();
        const res = await run();
        times.set(name, [...(times.get(name) ?? []), performance.now() - started]);
        expect(res.statusCode, name).toBe(200);
        expect(res.headers['set-cookie'], name).toBeUndefined();
        bodies.set(name, res.body);
      }
    }
    expect(new Set(bodies.values()).size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const medians = [...times.values()].map(median);
    expect(Math.max(...medians) / Math.min(...medians)).toBeLessThan(3);
    // Only the matching registration left an access and a letter.
    const letters = await db().selectFrom('letters').select('recipient_name').where('kind', '=', 'portal-activation-key').execute();
    expect(letters.length).toBe(5);
    expect(
      await db()
        .selectFrom('portal_accounts')
        .select('id')
        .where('email', 'in', ['wrong@example.org', 'unknown@example.org', 'other@example.org'])
        .execute(),
    ).toEqual([]);
    // The holder of the active access hears of the attempt.
    expect((await mailTo(active.email)).length).toBe(5);
  });
});

describe('activation (C36)', () => {
  test('[C36] by e-mail: a 16-symbol key (80 bits), stored only as a hash, works once; the access is unusable before', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const email = `mail.${c.customerNumber}@example.org`;
    expect((await register(c, email, 'email')).statusCode).toBe(200);
    const key = await keyOfMail(email);
    expect(key).toMatch(KEY);
    const stored = await db()
      .selectFrom('portal_account_keys as k')
      .innerJoin('portal_accounts as a', 'a.id', 'k.account_id')
      .select(['k.key_hash', 'k.expires_at', 'a.status'])
      .where('a.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key.replace(/-/g, ''));
    expect(stored.status).toBe('pending');
    expect(stored.expires_at.getTime() - t.clock.now().getTime()).toBe(48 * 3_600_000);

    const early = await post('/portal/anmelden', { email, password: PASSWORD });
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain('noch nicht aktiviert');
    expect(early.headers['set-cookie']).toBeUndefined();

    expect((await activate(email, 'AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(400);
    const ok = await activate(email, key.toLowerCase().replace(/-/g, ' '));
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/portal/anmelden?hinweis=activated');
    expect(ok.headers['set-cookie']).toBeUndefined();
    expect((await activate(email, key)).statusCode).toBe(400);
    const agent = await signInCustomer(t.app, { email, password: PASSWORD });
    expect((await agent.get('/portal')).statusCode).toBe(200);
  });

  test('[C36] by post: the key goes into a letter to the contract address for the print room, valid 30 days', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const email = `post.${c.customerNumber}@example.org`;
    t.clock.advance(1000);
    await register(c, email, 'post');
    expect(await mailTo(email)).toEqual([]);
    const letter = await db()
      .selectFrom('letters')
      .selectAll()
      .where('kind', '=', 'portal-activation-key')
      .where('activity', '=', 'portal.online-access')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const [page] = await pdfText(letter.pdf);
    const customer = await db().selectFrom('portal_customers').selectAll().where('id', '=', c.customerId).executeTakeFirstOrThrow();
    expect(page).toContain(customer.street);
    expect(page).toContain(`${customer.postcode} ${customer.city}`);
    const key = KEY.exec(page ?? '')?.[1] as string;
    expect(key).toMatch(KEY);
    const expires = await db()
      .selectFrom('portal_account_keys as k')
      .innerJoin('portal_accounts as a', 'a.id', 'k.account_id')
      .select('k.expires_at')
      .where('a.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(expires.expires_at.getTime() - t.clock.now().getTime()).toBe(30 * 86_400_000);
    t.clock.advance(29 * 86_400_000);
    expect((await activate(email, key)).statusCode).toBe(303);
    t.clock.advance(-29 * 86_400_000);
  });

  test('[C36] keys expire: an e-mail key after 48 hours, a letter key after 30 days', async () => {
    const a = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const b = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    await register(a, `exp.a.${a.customerNumber}@example.org`, 'email');
    const mailKey = await keyOfMail(`exp.a.${a.customerNumber}@example.org`);
    t.clock.advance(1000);
    await register(b, `exp.b.${b.customerNumber}@example.org`, 'post');
    const letter = await db()
      .selectFrom('letters')
      .select('pdf')
      .where('kind', '=', 'portal-activation-key')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const postKey = KEY.exec((await pdfText(letter.pdf))[0] ?? '')?.[1] as string;
    t.clock.advance(49 * 3_600_000);
    expect((await activate(`exp.a.${a.customerNumber}@example.org`, mailKey)).statusCode).toBe(400);
    t.clock.advance(30 * 86_400_000);
    expect((await activate(`exp.b.${b.customerNumber}@example.org`, postKey)).statusCode).toBe(400);
    t.clock.advance(-(49 * 3_600_000 + 30 * 86_400_000));
  });

  test('[C36] after 5 wrong tries the key is void: then even the right key fails', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const email = `tries.${c.customerNumber}@example.org`;
    await register(c, email, 'email');
    const key = await keyOfMail(email);
    for (let i = 0; i < 5; i++) {
      // each from its own address, so the per-address throttle is not what stops it
      const res = await t.app.inject({
        method: 'POST',
        url: '/portal/aktivieren',
        headers: FORM,
        payload: formBody({ email, key: `ZZZZ-ZZZZ-ZZZZ-ZZZ${i}` }),
        remoteAddress: `198.51.100.${i + 1}`,
      });
      expect(res.statusCode).toBe(400);
    }
    const right = await t.app.inject({
      method: 'POST',
      url: '/portal/aktivieren',
      headers: FORM,
      payload: formBody({ email, key }),
      remoteAddress: '198.51.100.99',
    });
    expect(right.statusCode).toBe(400);
    const account = await db().selectFrom('portal_accounts').select('status').where('email', '=', email).executeTakeFirstOrThrow();
    expect(account.status).toBe('pending');
  });
});

describe('signing in', () => {
  test('[C11] the public portal pages set no cookie; only a successful sign-in does (Secure, HttpOnly, SameSite=Lax, __Host-)', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    for (const url of [
      '/portal/registrieren',
      '/portal/aktivieren',
      '/portal/anmelden',
      '/portal/passwort-vergessen',
      '/en/portal/sign-in',
      '/portal',
      '/portal/sms',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    const wrong = await post('/portal/anmelden', { email: c.email, password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const ok = await post('/portal/anmelden', { email: c.email, password: c.password });
    expect(ok.statusCode).toBe(303);
    const header = String(ok.headers['set-cookie']);
    expect(header).toMatch(/^__Host-portal=/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
  });

  test('every state change needs the CSRF token of the session', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, c);
    const without = await t.app.inject({
      method: 'POST',
      url: '/portal/umzug',
      headers: { ...FORM, cookie: agent.cookie },
      payload: formBody({ moveOn: '2026-07-01', street: 'Neuweg 1', postcode: '12345', city: 'Musterstadt' }),
    });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/portal/umzug',
      headers: { ...FORM, cookie: agent.cookie },
      payload: formBody({ _csrf: 'x'.repeat(32), moveOn: '2026-07-01', street: 'Neuweg 1', postcode: '12345', city: 'Musterstadt' }),
    });
    expect(wrong.statusCode).toBe(403);
    expect(await db().selectFrom('portal_tasks').select('id').where('customer_id', '=', c.customerId).execute()).toEqual([]);
  });

  test('password reset by e-mail: the same answer for any address; the link works once, within an hour, and ends every session', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, c);
    const unknown = await post('/portal/passwort-vergessen', { email: 'nobody@example.org' });
    const known = await post('/portal/passwort-vergessen', { email: c.email });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(await mailTo('nobody@example.org')).toEqual([]);
    const link = /passwort-neu\?key=([\w-]+)/.exec((await mailTo(c.email))[0]?.text_body ?? '')?.[1] as string;
    expect((await t.app.inject({ method: 'GET', url: `/portal/passwort-neu?key=${link}` })).statusCode).toBe(200);
    const fresh = 'a brand new sentence nobody guesses';
    const set = await post('/portal/passwort-neu', { key: link, password: fresh, repeat: fresh });
    expect(set.statusCode).toBe(303);
    expect((await agent.get('/portal')).statusCode).toBe(303);
    expect((await post('/portal/passwort-neu', { key: link, password: fresh, repeat: fresh })).statusCode).toBe(404);
    await signInCustomer(t.app, { email: c.email, password: fresh });
    // a second link, used too late
    await post('/portal/passwort-vergessen', { email: c.email });
    const late = /passwort-neu\?key=([\w-]+)/.exec((await mailTo(c.email))[0]?.text_body ?? '')?.[1] as string;
    t.clock.advance(61 * 60_000);
    expect((await post('/portal/passwort-neu', { key: late, password: fresh, repeat: fresh })).statusCode).toBe(404);
  });

  test('optional second factor: once on, sign-in needs the code (or a recovery code, once)', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const agent = await signInCustomer(t.app, c);
    const enrol = await agent.get('/portal/konto/zwei-faktor');
    const secret = /class="secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '') as string;
    const sealed = /name="sealed" value="([^"]+)"/.exec(enrol.body)?.[1] as string;
    const on = await agent.post('/portal/konto/zwei-faktor', { sealed, code: currentTotp(secret, t.clock.now()) });
    expect(on.statusCode).toBe(200);
    const codes = [...on.body.matchAll(/<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})<\/li>/g)].map((m) => m[1] as string);
    expect(codes).toHaveLength(10);

    const step1 = await post('/portal/anmelden', { email: c.email, password: c.password });
    expect(step1.headers.location).toMatch(/^\/portal\/anmelden\/code/);
    const pending = cookieFrom(step1, '__Host-portal') as string;
    expect((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: pending } })).statusCode).toBe(303);
    const pendingPage = await t.app.inject({ method: 'GET', url: '/portal/anmelden/code', headers: { cookie: pending } });
    expect(pendingPage.statusCode).toBe(200);
    const csrfOf = async (cookie: string) =>
      /name="_csrf" value="([^"]+)"/.exec(
        (await t.app.inject({ method: 'GET', url: '/portal/anmelden/code', headers: { cookie } })).body,
      )?.[1] as string;
    const csrf = await csrfOf(pending);
    expect((await post('/portal/anmelden/code', { code: '000000' }, pending)).statusCode).toBe(403);
    expect((await post('/portal/anmelden/code', { _csrf: csrf, code: '000000' }, pending)).statusCode).toBe(401);
    t.clock.advance(31_000);
    const step2 = await post('/portal/anmelden/code', { _csrf: csrf, code: currentTotp(secret, t.clock.now()) }, pending);
    expect(step2.statusCode).toBe(303);
    const full = cookieFrom(step2, '__Host-portal') as string;
    expect((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: full } })).statusCode).toBe(200);

    const again = cookieFrom(await post('/portal/anmelden', { email: c.email, password: c.password }), '__Host-portal') as string;
    expect((await post('/portal/anmelden/code', { _csrf: await csrfOf(again), code: codes[0] as string }, again)).statusCode).toBe(303);
    const third = cookieFrom(await post('/portal/anmelden', { email: c.email, password: c.password }), '__Host-portal') as string;
    expect((await post('/portal/anmelden/code', { _csrf: await csrfOf(third), code: codes[0] as string }, third)).statusCode).toBe(401);
  });
});
