import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, PgBoss } from 'pg-boss';
import type { AppContext, JobDefinition, ModuleDefinition } from '../module.ts';

export interface JobRunner {
  /** Queues a job by name now (e.g. from the CLI or a test) and resolves when it is queued. */
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
}

export function allJobs(modules: readonly ModuleDefinition[]): JobDefinition[] {
  return modules.flatMap((m) => m.jobs ?? []);
}

/**
 * Runs the modules' jobs on pg-boss, in PostgreSQL itself, so several instances share one queue
 * and a scheduled job runs once, not once per instance. On the embedded database pg-boss talks
 * to PGlite directly; PGlite runs each statement only between Kysely's transactions.
 */
export async function startJobRunner(
  ctx: AppContext,
  modules: readonly ModuleDefinition[],
  options: { schedule?: boolean; schema?: string } = {},
): Promise<JobRunner> {
  const schema = options.schema ?? (ctx.config.DATABASE_SCHEMA ? `${ctx.config.DATABASE_SCHEMA}_pgboss` : 'pgboss');
  const newBoss = () =>
    ctx.database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(ctx.database.pglite as PGlite), backend: 'pglite', schema, schedule: options.schedule ?? true })
      : // Through our own pool: the same connection settings (and schema) as the rest of the app.
        new PgBoss({
          db: { executeSql: (text, values) => ctx.database.executeSql(text, values) },
          schema,
          schedule: options.schedule ?? true,
        });
  const boss = await startedBoss(newBoss, ctx);
  for (const job of allJobs(modules)) {
    await boss.createQueue(job.name);
    await boss.work<Record<string, unknown>>(job.name, { localConcurrency: job.concurrency ?? 1 }, async ([item]) => {
      if (!item) return null;
      const started = performance.now();
      const result = await job.run(ctx, item.data ?? {});
      // Scheduled jobs run every minute: a line each would drown the log at the default level.
      ctx.log.debug({ job: job.name, ms: Math.round(performance.now() - started) }, 'job done');
      return result;
    });
    if (job.cron && options.schedule !== false) await boss.schedule(job.name, job.cron, null, { tz: 'Europe/Berlin' });
  }
  return {
    send: (name, data = {}) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}

/**
 * Starts the queue; several processes starting at once on a new database race to create its
 * schema, and the losers get a unique violation (23505) from PostgreSQL's catalogue. The schema
 * is there by then, so a fresh start succeeds: up to three attempts.
 */
async function startedBoss(newBoss: () => PgBoss, ctx: AppContext): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = newBoss();
    boss.on('error', (err: Error) => ctx.log.error({ err }, 'job queue error'));
    try {
      await boss.start();
      return boss;
    } catch (err) {
      if ((err as { code?: string }).code !== '23505' || attempt >= 3) throw err;
      ctx.log.warn({ attempt }, 'job queue schema created by another process at the same time; starting again');
      await boss.stop({ graceful: false }).catch(() => undefined);
    }
  }
}
