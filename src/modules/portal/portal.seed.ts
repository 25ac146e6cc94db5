import type { Transaction } from 'kysely';
import type { AppContext } from '../../core/module.ts';
import { accountOfCustomer, customerByNumber, issueKey } from './portal.accounts.ts';
import { demoData } from './portal.demo-data.ts';
import {
  type Lined,
  updateContractsEnded,
  type WriteResult,
  writeContracts,
  writeCustomers,
  writeInstalments,
  writeInvoices,
  writeMandates,
  writeMeteringPoints,
  writeMeters,
  writeReadings,
} from './portal.import.write.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import type { PortalTables } from './portal.tables.ts';

export const DEMO_CUSTOMERS = 1_000;
export const DEMO_CUSTOMER_NUMBER = '1000001';
export const DEMO_EMAIL = 'erika.mustermann@example.org';
/** The demo customer's set-password link is valid this long (a real reset link: one hour). */
const DEMO_LINK_DAYS = 7;
const CHUNK = 5_000;

async function writeAll<R>(
  trx: Transaction<PortalTables>,
  rows: R[],
  write: (trx: Transaction<PortalTables>, rows: Lined<R>[], now: Date) => Promise<WriteResult>,
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await write(
      trx,
      rows.slice(i, i + CHUNK).map((row, j) => ({ line: i + j + 2, row })),
      now,
    );
    if (result.unresolved.length) throw new Error(`demo data refers to missing rows: ${result.unresolved[0]?.message}`);
  }
}

/** Writes contract data as the import would (the same statements), in one transaction. */
export async function loadDemoData(
  trx: Transaction<PortalTables>,
  now: Date,
  count: number,
  options: { seed?: number; firstNumber?: number } = {},
): Promise<void> {
  const d = demoData(now, count, options);
  await writeAll(trx, d.customers, writeCustomers, now);
  await writeAll(trx, d.contracts, writeContracts, now);
  await writeAll(trx, d.meteringPoints, writeMeteringPoints, now);
  await writeAll(trx, d.meters, writeMeters, now);
  await writeAll(trx, d.readings, writeReadings, now);
  await writeAll(trx, d.instalments, writeInstalments, now);
  await writeAll(trx, d.invoices, writeInvoices, now);
  await writeAll(trx, d.mandates, writeMandates, now);
  await updateContractsEnded(trx);
}

/**
 * About 1,000 demo customers with three years of readings and invoices, and one online access
 * that is already activated. It has no password: whoever runs the demo gets a one-time link to
 * set one (printed at every start until it is used), like the demo staff's invitations.
 */
export async function seedPortalDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db.withTables<PortalTables>();
  const now = ctx.clock.now();
  if (!(await customerByNumber(db, DEMO_CUSTOMER_NUMBER))) await db.transaction().execute((trx) => loadDemoData(trx, now, DEMO_CUSTOMERS));
  const customer = await customerByNumber(db, DEMO_CUSTOMER_NUMBER);
  if (!customer) return;
  let account = await accountOfCustomer(db, customer.id);
  if (account?.password_hash) return;
  if (!account) {
    await db
      .insertInto('portal_accounts')
      .values({
        customer_id: customer.id,
        email: DEMO_EMAIL,
        password_hash: null,
        totp_secret: null,
        totp_last_step: null,
        status: 'active',
        locale: 'de',
        created_at: now,
        activated_at: now,
        last_login_at: null,
      })
      .execute();
    account = await accountOfCustomer(db, customer.id);
  }
  if (!account) return;
  const key = await issueKey(db, {
    accountId: account.id,
    purpose: 'password-reset',
    channel: 'email',
    expiresAt: new Date(now.getTime() + DEMO_LINK_DAYS * 86_400_000),
    now,
  });
  console.log(
    `\nDemo customer portal – ${customer.first_name} ${customer.last_name}, customer number ${customer.customer_number}, e-mail ${account.email}.\n` +
      `  Set a password (one-time link), then sign in at ${ctx.config.PUBLIC_URL}${PORTAL_PATHS.signIn.de}:\n    ${ctx.config.PUBLIC_URL}${PORTAL_PATHS.newPassword.de}?key=${encodeURIComponent(key)}\n`,
  );
}
