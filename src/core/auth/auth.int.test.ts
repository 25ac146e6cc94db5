import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cookieFrom, createTestStaff, formBody, STAFF_PASSWORD, signIn } from '../../../tests/support/staff.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import type { AuthTables } from './auth.tables.ts';
import { passwordProblem } from './passwords.ts';
import { createStaff } from './staff.queries.ts';
import { currentTotp } from './totp.ts';

let t: TestApp;
const db = () => t.database.db.withTables<AuthTables>();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (url: string, body: Record<string, string>, cookie?: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...form, ...(cookie ? { cookie } : {}) }, payload: formBody(body) });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('staff sign-in', () => {
  test('[C04] passwords are stored only as argon2id hashes (m=19456, t=2, p=1)', async () => {
    const { id, token } = await createStaff(db(), {
      email: 'hash@stadtwerke-musterstadt.example',
      name: 'Hash',
      roles: ['editor'],
      now: t.clock.now(),
    });
    const res = await post(`/staff/einladung/${token}`, {
      password: 'ein langer Satz als Passwort',
      repeat: 'ein langer Satz als Passwort',
    });
    expect(res.statusCode).toBe(303);
    const row = await db().selectFrom('staff_accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain('Satz');
  });

  test('the password policy asks for length, not composition, and refuses common passwords', () => {
    expect(passwordProblem('kurz')).toBe('tooShort');
    expect(passwordProblem('a'.repeat(129))).toBe('tooLong');
    expect(passwordProblem('password1234')).toBe('common');
    expect(passwordProblem('qwertyuiop123')).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('common');
    expect(passwordProblem('erika.mustermann2026', 'erika.mustermann@example.org')).toBe('containsEmail');
    expect(passwordProblem('alle meine entchen schwimmen')).toBeNull();
    expect(passwordProblem('🚲🚲🚲🚲🚲🚲🚲🚲🚲🚲🚲🚲')).toBeNull();
  });

  test('[C04] the back office needs password and second factor; the session id changes at each step', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    expect((await t.app.inject({ method: 'GET', url: '/staff' })).statusCode).toBe(303);
    const login = await post('/staff/anmelden', { email: member.email, password: member.password });
    expect(login.headers.location).toBe('/staff/anmelden/code?weiter=%2Fstaff');
    const half = cookieFrom(login) as string;
    // The password alone opens nothing.
    const halfway = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: half } });
    expect(halfway.statusCode).toBe(303);
    expect(halfway.headers.location).toMatch(/^\/staff\/anmelden/);
    t.clock.advance(31_000);
    const code = await post('/staff/anmelden/code', { code: currentTotp(member.totpSecret, t.clock.now()) }, half);
    expect(code.statusCode).toBe(303);
    const full = cookieFrom(code) as string;
    expect(full).not.toBe(half);
    expect((await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: full } })).statusCode).toBe(200);
    // the pre-login session is gone
    expect((await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: half } })).statusCode).toBe(303);
    const setCookie = String(code.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-staff=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain');
  });

  test('a TOTP code works once; a recovery code works once', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    t.clock.advance(31_000);
    const code = currentTotp(member.totpSecret, t.clock.now());
    const first = cookieFrom(await post('/staff/anmelden', { email: member.email, password: member.password })) as string;
    expect((await post('/staff/anmelden/code', { code }, first)).statusCode).toBe(303);
    const second = cookieFrom(await post('/staff/anmelden', { email: member.email, password: member.password })) as string;
    const replay = await post('/staff/anmelden/code', { code }, second);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('nicht gültig');

    const agent = await signIn(t.app, member, t.clock);
    const codes = await agent.post('/staff/konto/wiederherstellungscodes');
    const recovery = /<ul class="codes"><li>([A-Z0-9-]+)<\/li>/.exec(codes.body)?.[1] as string;
    expect(recovery).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    const a = cookieFrom(await post('/staff/anmelden', { email: member.email, password: member.password })) as string;
    expect((await post('/staff/anmelden/code', { code: recovery.toLowerCase() }, a)).statusCode).toBe(303);
    const b = cookieFrom(await post('/staff/anmelden', { email: member.email, password: member.password })) as string;
    expect((await post('/staff/anmelden/code', { code: recovery }, b)).statusCode).toBe(401);
  });

  test('sessions end after 30 idle minutes and after 12 hours in any case', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const agent = await signIn(t.app, member, t.clock);
    t.clock.advance(29 * 60_000);
    expect((await agent.get('/staff')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await agent.get('/staff')).statusCode).toBe(303);

    const busy = await signIn(t.app, member, t.clock);
    for (let i = 0; i < 12 * 4; i++) {
      t.clock.advance(15 * 60_000);
      const res = await busy.get('/staff');
      if (i < 12 * 4 - 1) expect(res.statusCode, `after ${(i + 1) * 15} minutes`).toBe(200);
      else expect(res.statusCode).toBe(303);
    }
  });

  test('failed sign-ins slow down: growing delays per account and per address', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const wrong = () => post('/staff/anmelden', { email: member.email, password: 'falsch falsch falsch' });
    expect((await wrong()).statusCode).toBe(401);
    expect((await wrong()).statusCode).toBe(401);
    expect((await wrong()).statusCode).toBe(401);
    const blocked = await post('/staff/anmelden', { email: member.email, password: member.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    t.clock.advance(1_100);
    expect((await wrong()).statusCode).toBe(401);
    const longer = await post('/staff/anmelden', { email: member.email, password: member.password });
    expect(longer.headers['retry-after']).toBe('2');
    t.clock.advance(2_100);
    expect((await post('/staff/anmelden', { email: member.email, password: member.password })).statusCode).toBe(303);
    await sql`delete from login_throttle`.execute(t.database.db);
  });

  test('an unknown address and a wrong password get the same answer', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const a = await post('/staff/anmelden', { email: 'niemand@stadtwerke-musterstadt.example', password: 'irgendein passwort' });
    const b = await post('/staff/anmelden', { email: member.email, password: 'irgendein passwort' });
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body.replace(/niemand@stadtwerke-musterstadt.example/g, 'X')).toBe(b.body.replace(member.email, 'X'));
    await sql`delete from login_throttle`.execute(t.database.db);
  });

  test("[C04] every signed-in form needs the session's CSRF token", async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const agent = await signIn(t.app, member, t.clock);
    const none = await t.app.inject({
      method: 'POST',
      url: '/staff/konto/wiederherstellungscodes',
      headers: { ...form, cookie: agent.cookie },
      payload: '',
    });
    expect(none.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/staff/konto/wiederherstellungscodes',
      headers: { ...form, cookie: agent.cookie },
      payload: formBody({ _csrf: 'x'.repeat(32) }),
    });
    expect(wrong.statusCode).toBe(403);
    expect((await agent.post('/staff/konto/wiederherstellungscodes')).statusCode).toBe(200);
  });

  test('the invitation leads through password and second factor to the back office, once', async () => {
    const { token } = await createStaff(db(), {
      email: 'neu@stadtwerke-musterstadt.example',
      name: 'Neue Person',
      roles: ['dpo'],
      now: t.clock.now(),
    });
    const page = await t.app.inject({ method: 'GET', url: `/staff/einladung/${token}` });
    expect(page.body).toContain('Willkommen, Neue Person');
    const weak = await post(`/staff/einladung/${token}`, { password: 'passwort1234', repeat: 'passwort1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('häufig verwendeter Passwörter');
    const mismatch = await post(`/staff/einladung/${token}`, { password: 'meine katze heißt minka', repeat: 'meine katze heisst minka' });
    expect(mismatch.body).toContain('stimmen nicht überein');
    const ok = await post(`/staff/einladung/${token}`, { password: 'meine katze heißt minka', repeat: 'meine katze heißt minka' });
    expect(ok.headers.location).toBe('/staff/einrichten/zweiter-faktor');
    const pending = cookieFrom(ok) as string;
    const enrol = await t.app.inject({ method: 'GET', url: '/staff/einrichten/zweiter-faktor', headers: { cookie: pending } });
    expect(enrol.body).toContain('<svg');
    const secret = (/<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(enrol.body)?.[1] ?? '').replace(/ /g, '');
    const sealed = /name="sealed" value="([^"]+)"/.exec(enrol.body)?.[1] as string;
    const bad = await post('/staff/einrichten/zweiter-faktor', { sealed, code: '000000' }, pending);
    expect(bad.statusCode).toBe(400);
    const done = await post('/staff/einrichten/zweiter-faktor', { sealed, code: currentTotp(secret, t.clock.now()) }, pending);
    expect(done.statusCode).toBe(200);
    expect(done.body.match(/<li>[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}<\/li>/g)).toHaveLength(10);
    expect((await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: cookieFrom(done) as string } })).statusCode).toBe(200);
    // used once
    expect((await t.app.inject({ method: 'GET', url: `/staff/einladung/${token}` })).statusCode).toBe(404);
  });

  test('a deactivated account cannot sign in and loses its sessions at once', async () => {
    const admin = await createTestStaff(t.database.db, ['admin'], t.clock.now());
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const session = await signIn(t.app, member, t.clock);
    const adminAgent = await signIn(t.app, admin, t.clock);
    expect((await adminAgent.post(`/staff/mitarbeitende/${member.id}/deaktivieren`)).statusCode).toBe(200);
    expect((await session.get('/staff')).statusCode).toBe(303);
    expect((await post('/staff/anmelden', { email: member.email, password: STAFF_PASSWORD })).statusCode).toBe(401);
    await sql`delete from login_throttle`.execute(t.database.db);
  });

  test('after sign-in only our own back-office paths are followed', async () => {
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    for (const next of ['https://evil.example/', '//evil.example/x', '/staff/../../evil', 'javascript:alert(1)']) {
      const login = await t.app.inject({
        method: 'POST',
        url: `/staff/anmelden?weiter=${encodeURIComponent(next)}`,
        headers: form,
        payload: formBody({ email: member.email, password: member.password }),
      });
      expect(login.headers.location, next).toBe('/staff/anmelden/code?weiter=%2Fstaff');
    }
  });
});
