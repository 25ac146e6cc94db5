import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import { loadDemoData } from '../../src/modules/portal/portal.seed.ts';
import type { PortalTables } from '../../src/modules/portal/portal.tables.ts';
import { cookieFrom, formBody } from './staff.ts';

export const CUSTOMER_PASSWORD = 'a long and unusual sentence for the portal';
// Hashing costs ~15 ms; every test customer gets the same password.
let passwordHash: Promise<string> | null = null;
let counter = 0;

export interface TestCustomer {
  customerId: string;
  customerNumber: string;
  lastName: string;
  postcode: string;
  accountId: string | null;
  email: string;
  password: string;
}

/**
 * A customer with three years of contract data (the demo generator, one customer), and unless
 * `account: false` an activated online access with a password.
 */
export async function createTestCustomer(
  // biome-ignore lint/suspicious/noExplicitAny: any database handle of the application
  db: Kysely<any>,
  now: Date,
  options: { account?: boolean; seed?: number } = {},
): Promise<TestCustomer> {
  const pdb = db as Kysely<PortalTables>;
  counter += 1;
  const firstNumber = 7_000_000 + (process.pid % 1000) * 1000 + counter;
  await pdb.transaction().execute((trx) => loadDemoData(trx, now, 1, { firstNumber, seed: options.seed ?? counter }));
  const customer = await pdb
    .selectFrom('portal_customers')
    .selectAll()
    .where('customer_number', '=', String(firstNumber))
    .executeTakeFirstOrThrow();
  const email = `customer${counter}.${process.pid}@example.org`;
  let accountId: string | null = null;
  if (options.account !== false) {
    passwordHash ??= hashPassword(CUSTOMER_PASSWORD);
    const row = await pdb
      .insertInto('portal_accounts')
      .values({
        customer_id: customer.id,
        email,
        password_hash: await passwordHash,
        totp_secret: null,
        totp_last_step: null,
        status: 'active',
        locale: 'de',
        created_at: now,
        activated_at: now,
        last_login_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    accountId = row.id;
  }
  return {
    customerId: customer.id,
    customerNumber: customer.customer_number,
    lastName: customer.last_name,
    postcode: customer.postcode,
    accountId,
    email,
    password: CUSTOMER_PASSWORD,
  };
}

export interface CustomerAgent {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form?: Record<string, string | string[]>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Signs in through the real sign-in page and returns an agent with the session and its CSRF token. */
export async function signInCustomer(
  app: FastifyInstance,
  customer: Pick<TestCustomer, 'email' | 'password'>,
  ip = '127.0.0.1',
): Promise<CustomerAgent> {
  const res = await app.inject({
    method: 'POST',
    url: '/portal/anmelden',
    headers: FORM,
    payload: formBody({ email: customer.email, password: customer.password }),
    remoteAddress: ip,
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const cookie = cookieFrom(res, '__Host-portal');
  if (!cookie) throw new Error('no portal cookie after sign-in');
  const page = await app.inject({ method: 'GET', url: '/portal', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on the overview (${page.statusCode})`);
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: ip }),
    post: (url, body = {}, headers = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie, ...headers },
        payload: formBody({ _csrf: csrf, ...body }),
        remoteAddress: ip,
      }),
  };
}

export { formBody };
