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

export async function searchAudit(db: Kysely<PrivacyTables>, f: AuditFilter, limit = 500) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (f.staff) q = q.where('staff_email', 'ilike', `%${f.staff.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.activity) q = q.where('activity', '=', f.activity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.record) q = q.where(sql<boolean>`${f.record} = any(record_ids)`);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return q.execute();
}
