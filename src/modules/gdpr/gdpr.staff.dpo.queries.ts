import { type Kysely, sql } from 'kysely';
import type { AuditAction, PrivacyTables } from '../../core/privacy/index.ts';

export interface RuleRun {
  activity: string;
  rule: string;
  affected: number;
  finished_at: Date | null;
}

/** The newest deletion record of every rule. */
export async function lastRuns(db: Kysely<PrivacyTables>): Promise<RuleRun[]> {
  const { rows } = await sql<RuleRun>`
    select distinct on (activity, rule) activity, rule, affected, finished_at
    from deletion_records
    order by activity, rule, started_at desc`.execute(db);
  return rows;
}

/** Deleted or anonymised rows per day (Europe/Berlin) for one activity. */
export async function affectedPerDay(
  db: Kysely<PrivacyTables>,
  activity: string,
  since: Date,
): Promise<{ day: string; affected: number }[]> {
  const { rows } = await sql<{ day: string; affected: number }>`
    select to_char(started_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as day, sum(affected)::bigint as affected
    from deletion_records
    where activity = ${activity} and started_at >= ${since.toISOString()}::timestamptz
    group by 1 order by 1`.execute(db);
  return rows;
}

export async function totalsPerActivity(db: Kysely<PrivacyTables>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('deletion_records')
    .select(['activity', sql<number>`sum(affected)::bigint`.as('affected')])
    .groupBy('activity')
    .execute();
  return new Map(rows.map((r) => [r.activity, r.affected]));
}

export interface AuditFilter {
  staff?: string;
  activity?: string;
  action?: AuditAction;
  record?: string;
  from?: Date;
  to?: Date;
}

/** Entries matching the filter, newest first, `limit` of them from `offset` on. */
export async function searchAudit(db: Kysely<PrivacyTables>, f: AuditFilter, limit = 500, offset = 0) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset);
  if (f.staff) q = q.where('staff_email', 'ilike', `%${f.staff.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.activity) q = q.where('activity', '=', f.activity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.record) q = q.where(sql<boolean>`${f.record} = any(record_ids)`);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return q.execute();
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The reference numbers people quote (`K-2026-7KQ4M2XP`) of the records an audit entry names,
 * by record id: every table of this schema with an `id` and a `reference` column is asked, so a
 * module's new table of references is found without being listed here. Ids without a reference
 * (accounts, files) are left out; the page counts them.
 */
export async function recordReferences(db: Kysely<PrivacyTables>, recordIds: readonly string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(recordIds.map((r) => r.split('/').pop() ?? r).filter((r) => UUID_TEXT.test(r)))];
  const found = new Map<string, string>();
  if (uuids.length === 0) return found;
  const tables = await sql<{ table_name: string }>`
    select r.table_name from information_schema.columns r
    join information_schema.columns i on i.table_schema = r.table_schema and i.table_name = r.table_name and i.column_name = 'id'
    where r.column_name = 'reference' and r.table_schema = current_schema()`.execute(db);
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ id: string; reference: string | null }>`
      select id::text as id, reference from ${sql.table(table_name)} where id::text in (${sql.join(uuids)})`.execute(db);
    for (const row of rows.rows) if (row.reference) found.set(row.id, row.reference);
  }
  return found;
}
