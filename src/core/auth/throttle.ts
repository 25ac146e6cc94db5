import { type Kysely, sql } from 'kysely';
import type { AuthTables } from './auth.tables.ts';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 15 * 60;

/** Seconds to wait after `failures` failed attempts: 0, 0, 0, 1, 2, 4 … up to 15 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S);
}

/**
 * Growing delays for sign-in attempts, per account and per client address: guessing gets slow
 * fast, while a person who mistyped twice never notices.
 */
export async function secondsToWait(db: Kysely<AuthTables>, keys: readonly string[], now: Date): Promise<number> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  let wait = 0;
  for (const r of rows) {
    const until = r.last_failure_at.getTime() + delayAfter(r.failures) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordFailure(db: Kysely<AuthTables>, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    await sql`insert into login_throttle (key, failures, last_failure_at) values (${key}, 1, ${now.toISOString()}::timestamptz)
      on conflict (key) do update set failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at`.execute(db);
  }
}

export async function clearFailures(db: Kysely<AuthTables>, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
