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
 * The rows a rule covers at `now`: the start event happened before the cutoff, the further
 * conditions hold, the row is not already anonymised, and no active legal hold protects it.
 */
export function coveredRows(rule: RetentionRule, now: Date): RawBuilder<unknown> {
  const key = rule.key ?? 'id';
  const parts: RawBuilder<unknown>[] = [
    sql`${sql.ref(`t.${rule.start}`)} is not null`,
    sql`${sql.ref(`t.${rule.start}`)} < ${cutoffFor(now, rule.after).toISOString()}::timestamptz`,
    ...(rule.where ?? []).map(condition),
    sql`not exists (
      select 1 from legal_holds h
      where h.table_name = ${rule.table} and h.record_id = ${sql.ref(`t.${key}`)}::text
        and h.released_at is null and h.until > ${now.toISOString()}::timestamptz)`,
  ];
  if (rule.action.kind === 'anonymise') parts.push(sql`${sql.ref(`t.${rule.action.marker}`)} is null`);
  return sql`${sql.table(rule.table)} as t where ${sql.join(parts, sql` and `)}`;
}

export function countCovered(rule: RetentionRule, now: Date): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`select count(*)::int as n from ${coveredRows(rule, now)}`;
}

/**
 * One batch of a rule. Rows are claimed with SKIP LOCKED, so a batch never waits for a row
 * someone else holds and two runners never touch the same row.
 */
export function batchStatement(rule: RetentionRule, now: Date, batchSize: number): RawBuilder<unknown> {
  const key = sql.ref(rule.key ?? 'id');
  const doomed = sql`select ${sql.ref(`t.${rule.key ?? 'id'}`)} from ${coveredRows(rule, now)} limit ${batchSize} for update skip locked`;
  if (rule.action.kind === 'delete') return sql`delete from ${sql.table(rule.table)} where ${key} in (${doomed})`;
  const assignments = [
    ...Object.entries(rule.action.set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql`${sql.ref(rule.action.marker)} = ${now.toISOString()}::timestamptz`,
  ];
  return sql`update ${sql.table(rule.table)} set ${sql.join(assignments)} where ${key} in (${doomed})`;
}
