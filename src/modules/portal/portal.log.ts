import type { Kysely, Transaction } from 'kysely';
import type { PortalTables } from './portal.tables.ts';

type Db = Kysely<PortalTables> | Transaction<PortalTables>;

/** Days the portal log proves access before the retention run deletes it (C38). */
export const PORTAL_LOG_DAYS = 90;

/** What the log records; the customer sees each as a sentence in their language. */
export const PORTAL_ACTIONS = [
  'signed-in',
  'sign-in-failed',
  'second-factor-failed',
  'signed-out',
  'activated',
  'password-reset',
  'password-changed',
  'email-change-requested',
  'email-changed',
  'totp-on',
  'totp-off',
  'meter-reading',
  'meter-reading-withdrawn',
  'instalment',
  'bank-mandate',
  'move',
  'invoice-downloaded',
  'sms-sent',
] as const;

export type PortalAction = (typeof PORTAL_ACTIONS)[number];

export interface LogInput {
  accountId: string;
  action: PortalAction;
  /** A short, non-sensitive detail: a task reference or an invoice number, never a password or an IBAN. */
  detail?: string | null;
  ip: string | null;
  at: Date;
}

/** Takes any handle of the caller (also another module's transaction); the insert is the portal's. */
// biome-ignore lint: any caller's database handle or transaction
export async function recordPortalAction(db: Kysely<any>, input: LogInput): Promise<void> {
  await (db as Kysely<PortalTables>)
    .insertInto('portal_access_log')
    .values({
      account_id: input.accountId,
      occurred_at: input.at,
      action: input.action,
      detail: input.detail?.slice(0, 200) ?? null,
      ip: input.ip,
    })
    .execute();
}

export interface LogEntry {
  occurred_at: Date;
  action: string;
  detail: string | null;
  ip: string | null;
}

/** The account's own log, newest first: what the customer sees on the log page. */
export async function logOfAccount(db: Db, accountId: string, limit = 500): Promise<LogEntry[]> {
  return db
    .selectFrom('portal_access_log')
    .select(['occurred_at', 'action', 'detail', 'ip'])
    .where('account_id', '=', accountId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
