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
  // A restricted record (Art. 18 GDPR) is kept like a held one, until the restriction is lifted.
  const activeHolds = sql`select h.record_id from legal_holds h
    where h.table_name = ${rule.table} and h.released_at is null and h.until > ${now.toISOString()}::timestamptz
    union all select r.record_id from restrictions r where r.table_name = ${rule.table} and r.lifted_at is null`;
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
  // No RETURNING: the count comes back as the statement's row count, nothing is collected.
  if (rule.action.kind === 'delete') return sql`delete from ${sql.table(rule.table)} as t where ${where}`;
  const assignments = [
    ...Object.entries(rule.action.set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql`${sql.ref(rule.action.marker)} = ${now.toISOString()}::timestamptz`,
  ];
  return sql`update ${sql.table(rule.table)} as t set ${sql.join(assignments)} where ${where}`;
}

/** How many pages the rule's table has now: the batches walk them in order. */
export function pageCountOf(rule: RetentionRule): RawBuilder<{ pages: number }> {
  return sql<{ pages: number }>`select (pg_relation_size(${rule.table}::regclass) / current_setting('block_size')::bigint)::int as pages`;
}

/** The rows stored on pages [from, to) of the table (to = null: from `from` to the end). */
function onPages(from: number, to: number | null): RawBuilder<unknown> {
  const lower = sql`t.ctid >= ${`(${from},0)`}::tid`;
  return to === null ? lower : sql`${lower} and t.ctid < ${`(${to},0)`}::tid`;
}

/**
 * One batch of a rule: the covered rows on a range of the table's pages, changed in one set
 * operation. PostgreSQL reads the range as a TID range scan, so a run reads the table once, in
 * physical order, like a plain DELETE does – in bounded pieces instead of one long lock.
 */
export function pageBatch(rule: RetentionRule, now: Date, from: number, to: number | null): RawBuilder<unknown> {
  return changeWhere(rule, now, sql`${onPages(from, to)} and ${covered(rule, now)}`);
}

/**
 * The same batch for when a row of the range is locked by someone else: rows are claimed with
 * SKIP LOCKED, so it never waits; a row it skips is left for the next run.
 */
export function skipLockedPageBatch(rule: RetentionRule, now: Date, from: number, to: number | null): RawBuilder<unknown> {
  const free = sql`select t.ctid from ${sql.table(rule.table)} as t where ${onPages(from, to)} and ${covered(rule, now)} for update skip locked`;
  return changeWhere(rule, now, sql`t.ctid = any(array(${free}))`);
}
