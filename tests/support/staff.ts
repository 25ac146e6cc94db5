import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuthTables } from '../../src/core/auth/auth.tables.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import { SecretBox } from '../../src/core/auth/secret-box.ts';
import { currentTotp, newTotpSecret } from '../../src/core/auth/totp.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Role } from '../../src/core/roles.ts';
import { TEST_SECRET } from './test-server.ts';

export interface TestStaff {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
  roles: Role[];
}

let counter = 0;
// Hashing costs ~15 ms; the suite creates many members with the same password.
let passwordHash: Promise<string> | null = null;
export const STAFF_PASSWORD = 'correct horse battery staple';

/** A fully set-up staff member (password and second factor), created directly in the database. */
// biome-ignore lint: any database handle of the application
export async function createTestStaff(db: Kysely<any>, roles: Role[], now = new Date()): Promise<TestStaff> {
  const adb = db as Kysely<AuthTables>;
  counter += 1;
  const email = `staff${counter}.${process.pid}@stadtwerke-musterstadt.example`;
  const totpSecret = newTotpSecret();
  passwordHash ??= hashPassword(STAFF_PASSWORD);
  const { id } = await adb
    .insertInto('staff_accounts')
    .values({
      email,
      name: `Test Person ${counter}`,
      password_hash: await passwordHash,
      totp_secret: new SecretBox(TEST_SECRET).seal(totpSecret),
      totp_last_step: null,
      created_at: now,
      activated_at: now,
      last_login_at: null,
      deactivated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length)
    await adb
      .insertInto('staff_roles')
      .values(roles.map((role) => ({ staff_id: id, role })))
      .execute();
  return { id, email, password: STAFF_PASSWORD, totpSecret, roles };
}

export function cookieFrom(res: LightMyRequestResponse, name = '__Host-staff'): string | undefined {
  const header = res.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0];
}

export interface StaffAgent {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
}

export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
}

/** Signs in through the real pages (password, then TOTP) and returns an agent with the session. */
export async function signIn(app: FastifyInstance, staff: TestStaff, clock: Clock): Promise<StaffAgent> {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const login = await app.inject({
    method: 'POST',
    url: '/staff/anmelden',
    headers: form,
    payload: formBody({ email: staff.email, password: staff.password }),
  });
  if (login.statusCode !== 303) throw new Error(`password step failed: ${login.statusCode}`);
  const pending = cookieFrom(login) as string;
  // A TOTP code counts once: a manual clock moves to the next 30-second step first.
  if ('advance' in clock && typeof clock.advance === 'function') clock.advance(31_000);
  const code = await app.inject({
    method: 'POST',
    url: '/staff/anmelden/code',
    headers: { ...form, cookie: pending },
    payload: formBody({ code: currentTotp(staff.totpSecret, clock.now()) }),
  });
  if (code.statusCode !== 303) throw new Error(`code step failed: ${code.statusCode} ${code.body.slice(0, 300)}`);
  const cookie = cookieFrom(code) as string;
  const page = await app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no CSRF token on the dashboard');
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, body = {}) =>
      app.inject({ method: 'POST', url, headers: { ...form, cookie }, payload: formBody({ _csrf: csrf, ...body }) }),
  };
}
