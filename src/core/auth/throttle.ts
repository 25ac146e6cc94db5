import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuthTables } from './auth.tables.ts';
import { hashToken, randomToken } from './tokens.ts';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 15 * 60;
/** Failures on one account, from any address, after which only a mailed link lets anyone in. */
export const ACCOUNT_LOCK_AFTER = 10;
export const UNLOCK_MINUTES = 60;
/** A new unlock mail at most this often per account, however many attempts meet the lock. */
const UNLOCK_MAIL_EVERY_MINUTES = 15;

/** Seconds to wait after `failures` failed attempts: 0, 0, 0, 1, 2, 4 … up to 15 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S);
}

/**
 * The keys one sign-in attempt counts against. Growing delays apply per client address and per
 * account *and* address, so a stranger failing on an account slows down only their own
 * addresses: its owner, from an address of their own, is not held up. Failures on the account
 * from anywhere are counted too; past ACCOUNT_LOCK_AFTER they lock the account until its owner
 * follows a link mailed to the account's address (no CAPTCHA, nothing the stranger can pass).
 */
export interface AttemptKeys {
  /** With growing delays, e.g. `portal-ip:203.0.113.5`, `portal:erika@example.org|203.0.113.5`. */
  delayed: readonly string[];
  /** The account as typed, e.g. `portal:erika@example.org`; null for steps without one. */
  account: string | null;
}

export type Attempt =
  | { ok: true }
  | { ok: false; reason: 'wait'; seconds: number }
  /** `mail`: whether the caller should mail a new unlock link now (not already sent lately). */
  | { ok: false; reason: 'locked'; mail: boolean };

class Refused extends Error {}

const SQL_DELAY = sql`make_interval(secs => case when login_throttle.failures < ${FREE_ATTEMPTS} then 0
  else least(power(2, login_throttle.failures - ${FREE_ATTEMPTS}), ${MAX_DELAY_S}) end)`;

/**
 * Takes one attempt, atomically: either every key allows it now and every key counts it as a
 * failure (undone by `attemptSucceeded`), or nothing is counted and the answer says why. The
 * count comes before the slow password check, and each key's row is locked while it is taken,
 * so parallel attempts cannot all pass the check before any of them is counted.
 */
export async function takeAttempt(db: Kysely<AuthTables>, keys: AttemptKeys, now: Date, unlockToken?: string): Promise<Attempt> {
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      // A fixed order of keys, so two attempts never wait on each other's rows the other way round.
      for (const key of [...keys.delayed].sort()) {
        const taken = await sql`
          insert into login_throttle (key, failures, last_failure_at) values (${key}, 1, ${at}::timestamptz)
          on conflict (key) do update set failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at
          where login_throttle.last_failure_at + ${SQL_DELAY} <= excluded.last_failure_at
          returning failures`.execute(trx);
        if (taken.rows.length === 0) throw new Refused();
      }
      if (keys.account !== null) {
        const counted = await sql<{ failures: number }>`
          insert into login_throttle (key, failures, last_failure_at) values (${keys.account}, 1, ${at}::timestamptz)
          on conflict (key) do update set failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at
          returning failures`.execute(trx);
        const failures = Number(counted.rows[0]?.failures ?? 0);
        if (failures > ACCOUNT_LOCK_AFTER && !(unlockToken && (await liveUnlock(trx, keys.account, unlockToken, now)))) throw new Refused();
      }
      return { ok: true } as const;
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    const seconds = await secondsToWait(db, keys.delayed, now);
    if (seconds > 0) return { ok: false, reason: 'wait', seconds };
    return { ok: false, reason: 'locked', mail: keys.account !== null && !(await unlockMailedLately(db, keys.account, now)) };
  }
}

/**
 * After a successful attempt: the account and its pair with this address start afresh (a lock
 * too, and the unlock link that opened it is spent); the address alone gets back the attempt
 * `takeAttempt` counted.
 */
export async function attemptSucceeded(
  db: Kysely<AuthTables>,
  keys: AttemptKeys,
  cleared: readonly string[],
  now: Date,
  unlockToken?: string,
): Promise<void> {
  const all = [...cleared, ...(keys.account ? [keys.account] : [])];
  if (all.length) await db.deleteFrom('login_throttle').where('key', 'in', all).execute();
  const rest = keys.delayed.filter((k) => !cleared.includes(k));
  if (rest.length)
    await db
      .updateTable('login_throttle')
      .set((eb) => ({ failures: sql`greatest(${eb.ref('failures')} - 1, 0)` }))
      .where('key', 'in', rest)
      .execute();
  if (unlockToken)
    await db.updateTable('login_unlock_tokens').set({ used_at: now }).where('token_hash', '=', hashToken(unlockToken)).execute();
}

/**
 * Counts one request against a key (e.g. registrations per client address) in the caller's
 * transaction and returns the count of the last 24 hours; a day without one starts afresh.
 */
// biome-ignore lint: any caller's transaction, whatever tables it knows
export async function countRequest(trx: Kysely<any>, key: string, now: Date): Promise<number> {
  const counted = await sql<{ failures: number }>`
    insert into login_throttle (key, failures, last_failure_at) values (${key}, 1, ${now.toISOString()}::timestamptz)
    on conflict (key) do update set
      failures = case when login_throttle.last_failure_at <= excluded.last_failure_at - interval '1 day' then 1
                 else login_throttle.failures + 1 end,
      last_failure_at = excluded.last_failure_at
    returning failures`.execute(trx);
  return Number(counted.rows[0]?.failures ?? 0);
}

/** Seconds until every key allows an attempt again. */
export async function secondsToWait(db: Kysely<AuthTables>, keys: readonly string[], now: Date): Promise<number> {
  if (!keys.length) return 0;
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  let wait = 0;
  for (const r of rows) {
    const until = r.last_failure_at.getTime() + delayAfter(r.failures) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/** A new unlock link for the account; the caller mails it to the account's own address. */
export async function issueUnlockToken(db: Kysely<AuthTables>, accountKey: string, now: Date): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('login_unlock_tokens')
    .values({
      token_hash: hashToken(token),
      account_key: accountKey,
      created_at: now,
      expires_at: new Date(now.getTime() + UNLOCK_MINUTES * 60_000),
      used_at: null,
    })
    .execute();
  return token;
}

async function liveUnlock(trx: Transaction<AuthTables>, accountKey: string, token: string, now: Date): Promise<boolean> {
  if (token.length > 100) return false;
  const row = await trx
    .selectFrom('login_unlock_tokens')
    .select('token_hash')
    .where('token_hash', '=', hashToken(token))
    .where('account_key', '=', accountKey)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

async function unlockMailedLately(db: Kysely<AuthTables>, accountKey: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - UNLOCK_MAIL_EVERY_MINUTES * 60_000);
  const row = await db
    .selectFrom('login_unlock_tokens')
    .select('token_hash')
    .where('account_key', '=', accountKey)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}
