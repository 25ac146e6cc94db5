import { createAppContext } from './core/app-context.ts';
import { loadConfig } from './core/config/index.ts';
import { openMigratedDatabase } from './core/db/index.ts';
import { startJobRunner } from './core/jobs/index.ts';
import { modules } from './modules.ts';

/** The job process: runs scheduled and queued work; start as many as the queue needs. */
export async function startWorker(): Promise<void> {
  const config = loadConfig();
  const database = await openMigratedDatabase(config, modules);
  const ctx = createAppContext(config, database, modules);
  const jobs = await startJobRunner(ctx, modules);
  ctx.log.info('worker started');
  const stop = async () => {
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

if (import.meta.filename === process.argv[1]) {
  await startWorker();
}
