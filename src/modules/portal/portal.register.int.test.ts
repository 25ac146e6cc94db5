import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCustomer, formBody, signInCustomer, type TestCustomer } from '../../../tests/support/customers.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { cookieFrom } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { relativeMedians, spread } from '../../../tests/support/timing.ts';
import { currentTotp } from '../../core/auth/index.ts';
import type { LettersTables } from '../../core/letters/index.ts';
import type { MailTables } from '../../core/mail/index.ts';
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
let registrants = 0;
/** Each registration from its own client address: an address may register only so often a day. */
const register = (
  c: Pick<TestCustomer, 'customerNumber' | 'lastName' | 'postcode'>,
  email: string,
  channel: 'post' | 'email',
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/portal/registrieren',
    headers: FORM,
    payload: formBody({
      customerNumber: c.customerNumber,
      name: c.lastName,
      postcode: c.postcode,
      email,
      password: PASSWORD,
      repeat: PASSWORD,
      channel,
      ...extra,
    }),
    remoteAddress: `198.18.${Math.floor(++registrants / 250)}.${registrants % 250}`,
  });
const mailTo = async (email: string) =>
  db().selectFrom('mail_outbox').selectAll().where('recipient', '=', email).orderBy('created_at', 'desc').execute();
const keyOfMail = async (email: string) => KEY.exec((await mailTo(email))[0]?.text_body ?? '')?.[1] as string;
let clients = 0;
/** Each activation from its own client address, so the per-address throttle stays out of these tests. */
const activate = (email: string, key: string, password = PASSWORD) =>
  t.app.inject({
    method: 'POST',
    url: '/portal/aktivieren',
    headers: FORM,
    payload: formBody({ email, key, password }),
    remoteAddress: `203.0.113.${++clients}`,
  });
/** The address the billing data holds for the customer: the only one a key goes to by e-mail. */
const onFile = (c: TestCustomer, email: string) =>
  db().updateTable('portal_customers').set({ email }).where('id', '=', c.customerId).execute();

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

  test('[C35] the answer never tells whether a customer number exists or matched: the same page, and medians of its time within 1 ms', async () => {
    const active = await createTestCustomer(t.database.db, t.clock.now());
    // Each matching round needs a customer of its own: a customer has at most three pending registrations.
    let fresh = 0;
    const bare = async () => {
      fresh += 1;
      const number = `88${process.pid % 1000}${String(fresh).padStart(5, '0')}`;
      await db()
        .insertInto('portal_customers')
        .values({
          customer_number: number,
          salutation: null,
          first_name: 'Tara',
          last_name: 'Timing',
          street: 'Taktstraße 1',
          postcode: '12345',
          city: 'Musterstadt',
          email: null,
          phone: null,
          contracts_ended_at: null,
          imported_at: t.clock.now(),
        })
        .execute();
      return { customerNumber: number, lastName: 'Timing', postcode: '12345' };
    };
    const known = await bare();
    // Made before the clock starts: only the registrations are timed.
    const unused: Awaited<ReturnType<typeof bare>>[] = [];
    for (let i = 0; i < 165; i++) unused.push(await bare());
    const next = () => unused.shift() ?? known;
    const cases: Record<string, () => Promise<LightMyRequestResponse>> = {
      match: () => register(next(), 'match@example.org', 'post'),
      wrongName: () => register({ ...known, lastName: 'Unbekannt' }, 'wrong@example.org', 'post'),
      wrongPostcode: () => register({ ...known, postcode: '99999' }, 'wrong@example.org', 'post'),
      unknownNumber: () => register({ ...known, customerNumber: '9999999' }, 'unknown@example.org', 'post'),
      alreadyActive: () => register(active, 'other@example.org', 'post'),
    };

    // The same answer, and no cookie.
    const bodies = new Set<string>();
    for (const [name, run] of Object.entries(cases)) {
      const res = await run();
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['set-cookie'], name).toBeUndefined();
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);

    const medians = await relativeMedians(cases, 40, { settled: (m) => spread(m) < 1, maxRounds: 160 });
    expect(spread(medians), JSON.stringify(medians)).toBeLessThan(1);
    // Only the matching registrations left an access; the holder of the active access heard of each attempt.
    expect(
      await db()
        .selectFrom('portal_accounts')
        .select('id')
        .where('email', 'in', ['wrong@example.org', 'unknown@example.org', 'other@example.org'])
        .execute(),
    ).toEqual([]);
    expect((await mailTo(active.email)).length).toBeGreaterThanOrEqual(41);
    // Up to 800 timed registrations (argon2id each) on a loaded machine: the bound is for a hang, not for speed.
  }, 600_000);
});

describe('activation (C36)', () => {
  test('[C36] by e-mail: a 16-symbol key (80 bits), stored only as a hash, works once; the access is unusable before', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const email = `mail.${c.customerNumber}@example.org`;
    await onFile(c, email);
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
    await onFile(a, `exp.a.${a.customerNumber}@example.org`);
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
    await onFile(c, email);
    await register(c, email, 'email');
    const key = await keyOfMail(email);
    for (let i = 0; i < 5; i++) {
      // each from its own address, so the per-address throttle is not what stops it
      const res = await t.app.inject({
        method: 'POST',
        url: '/portal/aktivieren',
        headers: FORM,
        payload: formBody({ email, key: `ZZZZ-ZZZZ-ZZZZ-ZZZ${i}`, password: PASSWORD }),
        remoteAddress: `198.51.100.${i + 1}`,
      });
      expect(res.statusCode).toBe(400);
    }
    const right = await t.app.inject({
      method: 'POST',
      url: '/portal/aktivieren',
      headers: FORM,
      payload: formBody({ email, key, password: PASSWORD }),
      remoteAddress: '198.51.100.99',
    });
    expect(right.statusCode).toBe(400);
    const account = await db().selectFrom('portal_accounts').select('status').where('email', '=', email).executeTakeFirstOrThrow();
    expect(account.status).toBe('pending');
  });
});

describe('registration cannot take over an access (security finding 2)', () => {
  const lettersFor = async (c: TestCustomer) => {
    const customer = await db().selectFrom('portal_customers').selectAll().where('id', '=', c.customerId).executeTakeFirstOrThrow();
    const rows = await db().selectFrom('letters').select('pdf').where('kind', '=', 'portal-activation-key').execute();
    const pages = await Promise.all(rows.map(async (r) => (await pdfText(r.pdf))[0] ?? ''));
    return pages.filter((p) => p.includes(customer.street) && p.includes(c.customerNumber));
  };

  test("a stranger's address gets no key: by e-mail only to the address on file, otherwise by letter to the contract address", async () => {
    const victim = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    await onFile(victim, `victim.${victim.customerNumber}@example.org`);
    const attacker = `attacker.${victim.customerNumber}@example.net`;
    t.clock.advance(1000);
    const res = await register(victim, attacker, 'email');
    expect(res.statusCode).toBe(200);
    expect(await mailTo(attacker)).toEqual([]);
    expect(await mailTo(`victim.${victim.customerNumber}@example.org`)).toEqual([]);
    expect(await lettersFor(victim)).toHaveLength(1);
    // Guessing is all that is left, and it fails.
    expect((await activate(attacker, 'AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(400);
  });

  test('a key reaching the customer does not switch on an access a stranger set up: activation needs the registration password too', async () => {
    const victim = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const address = `victim2.${victim.customerNumber}@example.org`;
    await onFile(victim, address);
    // The stranger knows the address on file and registers with it and a password of their own.
    await register(victim, address, 'email', { password: 'the attackers own long password', repeat: 'the attackers own long password' });
    const key = await keyOfMail(address);
    expect(key).toMatch(KEY);
    // The customer, finding the key in their mailbox, cannot activate it with a password of theirs…
    expect((await activate(address, key, 'the customers own long password')).statusCode).toBe(400);
    // …and the stranger, who has the password, has no key.
    expect((await activate(address, 'AAAA-BBBB-CCCC-DDDD', 'the attackers own long password')).statusCode).toBe(400);
    const row = await db().selectFrom('portal_accounts').select('status').where('email', '=', address).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  test("a registration never voids a key another registration waits for; the customer's own key still works", async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    const own = `own.${c.customerNumber}@example.org`;
    await onFile(c, own);
    await register(c, own, 'email');
    const key = await keyOfMail(own);
    // A stranger registers twice for the same customer, once even with the customer's address.
    await register(c, `stranger.${c.customerNumber}@example.net`, 'post');
    await register(c, own, 'post', { password: 'the attackers own long password', repeat: 'the attackers own long password' });
    expect((await activate(own, key)).statusCode).toBe(303);
    await signInCustomer(t.app, { email: own, password: PASSWORD });
    // Activation ended the other pending registrations of the customer.
    const left = await db().selectFrom('portal_accounts').select(['email', 'status']).where('customer_id', '=', c.customerId).execute();
    expect(left).toEqual([{ email: own, status: 'active' }]);
  });
});

describe('registrations per client address', () => {
  test('one address sends at most 20 registrations a day; more get the same answer and send nothing', async () => {
    const fromOne = (c: TestCustomer) =>
      t.app.inject({
        method: 'POST',
        url: '/portal/registrieren',
        headers: FORM,
        payload: formBody({
          customerNumber: c.customerNumber,
          name: c.lastName,
          postcode: c.postcode,
          email: `many.${c.customerNumber}@example.org`,
          password: PASSWORD,
          repeat: PASSWORD,
          channel: 'post',
        }),
        remoteAddress: '198.19.0.1',
      });
    const bodies = new Set<string>();
    for (let i = 0; i < 21; i++) {
      const c = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
      const res = await fromOne(c);
      expect(res.statusCode).toBe(200);
      bodies.add(res.body);
      const pending = await db().selectFrom('portal_accounts').select('id').where('customer_id', '=', c.customerId).execute();
      expect(pending.length, `registration ${i + 1}`).toBe(i < 20 ? 1 : 0);
    }
    expect(bodies.size).toBe(1);
    // A day later the address may register again.
    t.clock.advance(86_400_000 + 1000);
    const later = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    await fromOne(later);
    expect(await db().selectFrom('portal_accounts').select('id').where('customer_id', '=', later.customerId).execute()).toHaveLength(1);
    t.clock.advance(-(86_400_000 + 1000));
  }, 60_000);
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

  test('password reset by e-mail: the same answer for any address; the link works once, within an hour, ends every other session and signs the customer in', async () => {
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
    // Signed in at once with the new password: the answer carries a session and leads to the overview.
    expect(set.headers.location).toBe('/portal');
    const session = cookieFrom(set, '__Host-portal') as string;
    expect(session).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: session } })).statusCode).toBe(200);
    // Every earlier session ended.
    expect((await agent.get('/portal')).statusCode).toBe(303);
    expect((await post('/portal/passwort-neu', { key: link, password: fresh, repeat: fresh })).statusCode).toBe(404);
    await signInCustomer(t.app, { email: c.email, password: fresh });
    // a second link, used too late
    await post('/portal/passwort-vergessen', { email: c.email });
    const late = /passwort-neu\?key=([\w-]+)/.exec((await mailTo(c.email))[0]?.text_body ?? '')?.[1] as string;
    t.clock.advance(61 * 60_000);
    expect((await post('/portal/passwort-neu', { key: late, password: fresh, repeat: fresh })).statusCode).toBe(404);
  });

  test('password reset: an existing, a pending and an unknown address take the same time (medians within 1 ms); only the active one gets a link', async () => {
    const c = await createTestCustomer(t.database.db, t.clock.now());
    const p = await createTestCustomer(t.database.db, t.clock.now(), { account: false });
    await register(p, `pending.${p.customerNumber}@example.org`, 'post');
    const ask = (email: string) => () => post('/portal/passwort-vergessen', { email });
    const cases = {
      active: ask(c.email),
      pending: ask(`pending.${p.customerNumber}@example.org`),
      unknown: ask('nobody.timing@example.org'),
    };
    const medians = await relativeMedians(cases, 40, { settled: (m) => spread(m) < 1, maxRounds: 160 });
    expect(spread(medians), JSON.stringify(medians)).toBeLessThan(1);
    expect(await mailTo(`pending.${p.customerNumber}@example.org`)).toEqual([]);
    expect(await mailTo('nobody.timing@example.org')).toEqual([]);
    // What the outbox keeps once the mail is out: the text without the link (finding 9).
    const [latest] = await mailTo(c.email);
    const link = /(http:\/\/\S+passwort-neu\?key=\S+)/.exec(latest?.text_body ?? '')?.[1] as string;
    expect(latest?.kept_text_body).toContain('[…]');
    expect(latest?.kept_text_body).not.toContain(link);
  }, 60_000);

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
