import { type Kysely, sql } from 'kysely';
import type { AnalyticsTables } from './analytics.tables.ts';

export const ENTRY = '(Einstieg)';

/** Adds one step of a visit to the day's counts. */
export async function countTransition(db: Kysely<AnalyticsTables>, day: string, from: string | null, to: string, now: Date): Promise<void> {
  await sql`insert into analytics_transitions (day, from_path, to_path, count, last_counted_at)
    values (${day}::date, ${from ?? ENTRY}, ${to}, 1, ${now.toISOString()}::timestamptz)
    on conflict (day, from_path, to_path) do update
      set count = analytics_transitions.count + 1, last_counted_at = excluded.last_counted_at`.execute(db);
}

/** The most frequent steps of a period; a step taken fewer than `k` times in it is not shown (k-anonymity). */
export async function topTransitions(db: Kysely<AnalyticsTables>, from: string, to: string, k: number, limit = 30) {
  return db
    .selectFrom('analytics_transitions')
    .select(['from_path', 'to_path', sql<number>`sum(count)::bigint`.as('count')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['from_path', 'to_path'])
    .having(sql`sum(count)`, '>=', k)
    .orderBy(sql`sum(count)`, 'desc')
    .orderBy('from_path')
    .orderBy('to_path')
    .limit(limit)
    .execute();
}
