import { sql } from 'kysely';
import type { AppContext } from '../module.ts';
import { pausePoint } from '../pause-point.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import { activitiesOf, runAfterDeletion } from './register.ts';
import type { RetentionRule } from './register.types.ts';
import { countCovered, pageBatch, pageCountOf, skipLockedPageBatch } from './retention.compile.ts';

export interface RetentionOptions {
  trigger: 'schedule' | 'cli' | 'staff' | 'test';
  dryRun?: boolean;
  /** Only this activity's rules. */
  activity?: string;
  /** Upper bound of rows per batch (transaction). */
  batchSize?: number;
  /** How long one batch may take; the batch size adapts to it (default 250 ms). */
  batchTargetMs?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface RuleReport {
  activity: string;
  rule: string;
  table: string;
  action: 'delete' | 'anonymise';
  affected: number;
}

export interface RetentionReport {
  runId: string | null;
  dryRun: boolean;
  rules: RuleReport[];
}

/** A run without a heartbeat for this long was killed; the next run marks it interrupted. */
const STALE_MS = 10 * 60_000;
/** Pages of the first batch of a rule; later batches adapt to the time they take. */
const FIRST_PAGES = 16;
/** A batch grows at most this much over the one before, in case the next pages hold more to change. */
const MAX_GROWTH = 8;
const LOCK_NOT_AVAILABLE = '55P03';

export class UnknownActivityError extends Error {}

/**
 * Runs every retention rule of the register (or one activity's). Each batch is one short
 * transaction that deletes or anonymises and adds its count to the deletion record, so a run
 * killed at any moment leaves a consistent state, and the next run finishes what is left.
 */
export async function runRetention(ctx: AppContext, options: RetentionOptions): Promise<RetentionReport> {
  const db = ctx.db.withTables<PrivacyTables>();
  const now = ctx.clock.now();
  const maxBatch = options.batchSize ?? 100_000;
  const targetMs = options.batchTargetMs ?? 250;
  const activities = activitiesOf(ctx.modules, ctx.config).filter((a) => !options.activity || a.id === options.activity);
  if (options.activity && activities.length === 0) throw new UnknownActivityError(`No activity ${options.activity} in the register`);
  const work = activities.flatMap((a) => a.retention.map((rule) => ({ activity: a.id, rule })));

  // Counting reads every table once more: only a dry run and a progress bar need the counts.
  const totals = new Map<RetentionRule, number>();
  if (options.dryRun || options.onProgress) {
    for (const { rule } of work) totals.set(rule, (await countCovered(rule, now).execute(db)).rows[0]?.n ?? 0);
  }
  const total = [...totals.values()].reduce((a, b) => a + b, 0);

  if (options.dryRun) {
    return {
      runId: null,
      dryRun: true,
      rules: work.map(({ activity, rule }) => ({
        activity,
        rule: rule.id,
        table: rule.table,
        action: rule.action.kind,
        affected: totals.get(rule) ?? 0,
      })),
    };
  }

  await db
    .updateTable('retention_runs')
    .set({ status: 'interrupted', finished_at: now })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', new Date(now.getTime() - STALE_MS))
    .execute();
  const run = await db
    .insertInto('retention_runs')
    .values({ trigger: options.trigger, started_at: now, heartbeat_at: now, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();

  const reports: RuleReport[] = [];
  let done = 0;
  try {
    for (const { activity, rule } of work) {
      await rule.prepare?.(ctx);
      await db
        .insertInto('deletion_records')
        .values({
          run_id: run.id,
          activity,
          rule: rule.id,
          table_name: rule.table,
          action: rule.action.kind,
          affected: 0,
          started_at: ctx.clock.now(),
        })
        .execute();
      let affected = 0;
      const batch = (statement: ReturnType<typeof pageBatch>) =>
        db.transaction().execute(async (trx) => {
          // Lets the audit log's trigger tell its own retention rule from any other deletion.
          await sql`select set_config('stadtwerk.retention_rule', ${`${activity}/${rule.id}`}, true)`.execute(trx);
          await sql`set local lock_timeout = '1s'`.execute(trx);
          const n = Number((await statement.execute(trx)).numAffectedRows ?? 0);
          await pausePoint(ctx.config, 'retention-batch-open');
          await trx
            .updateTable('deletion_records')
            .set((eb) => ({ affected: eb('affected', '+', n) }))
            .where('run_id', '=', run.id)
            .where('activity', '=', activity)
            .where('rule', '=', rule.id)
            .execute();
          await trx.updateTable('retention_runs').set({ heartbeat_at: ctx.clock.now() }).where('id', '=', run.id).execute();
          return n;
        });
      // The table is walked once, in physical order, a range of pages per batch. Ranges start
      // small and grow (or shrink) so that each takes about `targetMs` and changes at most
      // `maxBatch` rows: locks stay short on a busy table, a large backlog goes in few
      // transactions. The last range is open-ended, so rows stored since the start count too.
      const pages = (await pageCountOf(rule).execute(db)).rows[0]?.pages ?? 0;
      let from = 0;
      let size = FIRST_PAGES;
      for (;;) {
        const to = from + size >= pages ? null : from + size;
        const started = performance.now();
        let n: number;
        try {
          n = await batch(pageBatch(rule, now, from, to));
        } catch (err) {
          // Someone holds a lock on a row of this range: take what is free, leave the rest.
          if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
          n = await batch(skipLockedPageBatch(rule, now, from, to));
        }
        const ms = Math.max(1, performance.now() - started);
        affected += n;
        done += n;
        options.onProgress?.(done, Math.max(total, done), `${activity}/${rule.id}`);
        await pausePoint(ctx.config, 'retention-batch-committed');
        if (to === null) break;
        from = to;
        const byTime = (size * targetMs) / ms;
        const byRows = n > 0 ? (size * maxBatch) / n : Number.POSITIVE_INFINITY;
        size = Math.max(1, Math.round(Math.min(byTime, byRows, size * MAX_GROWTH)));
      }
      await db
        .updateTable('deletion_records')
        .set({ finished_at: ctx.clock.now() })
        .where('run_id', '=', run.id)
        .where('activity', '=', activity)
        .where('rule', '=', rule.id)
        .execute();
      // What hangs on the changed rows without a foreign key (uploaded files) goes right after the rule.
      if (affected > 0) await runAfterDeletion(ctx);
      reports.push({ activity, rule: rule.id, table: rule.table, action: rule.action.kind, affected });
    }
    await db.updateTable('retention_runs').set({ status: 'done', finished_at: ctx.clock.now() }).where('id', '=', run.id).execute();
  } catch (err) {
    await db
      .updateTable('retention_runs')
      .set({ status: 'failed', finished_at: ctx.clock.now(), error: (err as Error).message.slice(0, 2000) })
      .where('id', '=', run.id)
      .execute();
    throw err;
  }
  return { runId: run.id, dryRun: false, rules: reports };
}
