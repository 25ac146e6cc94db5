import { type RawBuilder, sql } from 'kysely';
import type { Condition, Period, RetentionRule } from './register.types.ts';

/** The instant before which a rule's start event must lie. Months and years count in UTC calendar terms. */
export function cutoffFor(now: Date, after: Period): Date {
  const d = new Date(now.getTime());
  if ('days' in after) return new Date(now.getTime() - after.days * 86_400_000);
  if ('months' in after) d.setUTCMonth(d.getUTCMonth() - after.months);
  else d.setUTCFullYear(d.getUTCFullYear() - after.years);
  return d;
}

function condition(c: Condition): RawBuilder<unknown> {
  const col = sql.ref(`t.${c.column}`);
  switch (c.op) {
    case 'is null':
      return sql`${col} is null`;
    case 'is not null':
      return sql`${col} is not null`;
    case '=':
      return sql`${col} = ${c.value}`;
    case '<>':
      return sql`${col} <> ${c.value}`;
    case 'in':
      return c.value.length ? sql`${col} in (${sql.join(c.value)})` : sql`false`;
    case 'not in':
      return c.value.length ? sql`${col} not in (${sql.join(c.value)})` : sql`true`;
  }
}

/**
 * The condition for the rows a rule covers at `now` (the table is aliased `t`): the start event
 * happened before the cutoff, the further conditions hold, the row is not already anonymised,
 * and no active legal hold protects it.
 */
export function covered(rule: RetentionRule, now: Date): RawBuilder<unknown> {
  const key = rule.key ?? 'id';
  const activeHolds = sql`select h.record_id from legal_holds h
    where h.table_name = ${rule.table} and h.released_at is null and h.until > ${now.toISOString()}::timestamptz`;
  const parts: RawBuilder<unknown>[] = [
    sql`${sql.ref(`t.${rule.start}`)} is not null`,
    sql`${sql.ref(`t.${rule.start}`)} < ${cutoffFor(now, rule.after).toISOString()}::timestamptz`,
    ...(rule.where ?? []).map(condition),
    // Uncorrelated on purpose: with no active hold on the table (the usual case) the first test
    // is evaluated once and settles every row; otherwise the held ids are hashed once, instead
    // of a subquery per row.
    sql`(not exists (${activeHolds}) or ${sql.ref(`t.${key}`)}::text not in (select h.record_id from (${activeHolds}) as h))`,
  ];
  if (rule.action.kind === 'anonymise') parts.push(sql`${sql.ref(`t.${rule.action.marker}`)} is null`);
  return sql.join(parts, sql` and `);
}

export function countCovered(rule: RetentionRule, now: Date): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`select count(*)::int as n from ${sql.table(rule.table)} as t where ${covered(rule, now)}`;
}

function changeWhere(rule: RetentionRule, now: Date, where: RawBuilder<unknown>): RawBuilder<unknown> {
  if (rule.action.kind === 'delete') return sql`delete from ${sql.table(rule.table)} as t where ${where} returning 1`;
  const assignments = [
    ...Object.entries(rule.action.set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql`${sql.ref(rule.action.marker)} = ${now.toISOString()}::timestamptz`,
  ];
  return sql`update ${sql.table(rule.table)} as t set ${sql.join(assignments)} where ${where} returning 1`;
}

export type BatchResult = { n: number; last: string | null };

/**
 * One batch of a rule, as a key range: rows after the previous batch's last key up to the key of
 * the batch's last covered row; with no such row, everything after the previous batch (the
 * last batch). Each row is visited once per run — no batch scans again past what the batches
 * before it deleted — and the change is one set operation, not a lookup per row.
 * `last` is the range's upper key (as text), null when this was the last batch.
 */
export function rangeBatch(rule: RetentionRule, now: Date, size: number, after: string | null): RawBuilder<BatchResult> {
  const tKey = sql.ref(`t.${rule.key ?? 'id'}`);
  const resume = after === null ? sql`true` : sql`${tKey} > ${after}`;
  const where = sql`${covered(rule, now)} and ${resume} and (not exists (select 1 from bound) or ${tKey} <= (select k from bound))`;
  return sql<BatchResult>`
    with bound as (
      select ${tKey} as k from ${sql.table(rule.table)} as t where ${covered(rule, now)} and ${resume}
      order by ${tKey} offset ${size - 1} limit 1
    ), changed as (${changeWhere(rule, now, where)})
    select (select count(*)::int from changed) as n, (select k::text from bound) as last`;
}

/** Everything left after the previous batch, in one statement: for a remainder that fits a batch. */
export function tailBatch(rule: RetentionRule, now: Date, after: string | null): RawBuilder<BatchResult> {
  const resume = after === null ? sql`true` : sql`${sql.ref(`t.${rule.key ?? 'id'}`)} > ${after}`;
  return sql<BatchResult>`
    with changed as (${changeWhere(rule, now, sql`${covered(rule, now)} and ${resume}`)})
    select count(*)::int as n, null::text as last from changed`;
}

/**
 * The same batch for when a row of the range is locked by someone else: rows are claimed with
 * SKIP LOCKED, so it never waits; a row it skips is left for the next run.
 */
export function skipLockedBatch(rule: RetentionRule, now: Date, size: number, after: string | null): RawBuilder<BatchResult> {
  const keyName = rule.key ?? 'id';
  const tKey = sql.ref(`t.${keyName}`);
  const resume = after === null ? sql`true` : sql`${tKey} > ${after}`;
  return sql<BatchResult>`
    with doomed as (
      select ${tKey} as k from ${sql.table(rule.table)} as t where ${covered(rule, now)} and ${resume}
      order by ${tKey} limit ${size} for update skip locked
    ), changed as (${changeWhere(rule, now, sql`${tKey} = any(array(select k from doomed))`)})
    select (select count(*)::int from changed) as n,
      case when (select count(*) from doomed) < ${size} then null else (select k::text from doomed order by k desc limit 1) end as last`;
}
