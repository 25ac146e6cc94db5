import { createServer } from 'node:http';
import { type Config, loadConfig } from './core/config/index.ts';
import { openMigratedDatabase } from './core/db/index.ts';
import { buildServer, listenWithAcceptSockets } from './core/http/index.ts';
import { type JobRunner, startJobRunner } from './core/jobs/index.ts';
import { createLogger } from './core/logger.ts';
import { reportLoopDelayOnSignal } from './core/loop-delay-report.ts';
import { seedDemo } from './core/seed.ts';
import { modules } from './modules.ts';

export interface WebOptions {
  seed?: boolean;
}

/** The web process: migrate, (optionally) seed, serve, and on SIGTERM drain and close in order. */
export async function startWeb(config: Config, options: WebOptions = {}): Promise<void> {
  const started = performance.now();
  if (config.BENCH_LOOP_DELAY_FILE) reportLoopDelayOnSignal(config.BENCH_LOOP_DELAY_FILE);
  const log = createLogger(config.LOG_LEVEL);
  const database = await openMigratedDatabase(config, modules);
  const { app, ctx } = await buildServer({ config, database, modules, logger: log });
  const listening = await listenWithAcceptSockets(app, { host: config.HOST, port: config.PORT, acceptSockets: config.HTTP_ACCEPT_SOCKETS });

  // With a certificate of its own, the server also answers plain HTTP, only to redirect (C14).
  const redirect =
    config.tls && config.HTTP_REDIRECT_PORT
      ? createServer((req, res) => {
          res.writeHead(301, { location: `${config.PUBLIC_URL}${req.url ?? '/'}` }).end();
        }).listen(config.HTTP_REDIRECT_PORT, config.HOST)
      : null;

  const db = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(
    `\n  ${config.organisation.shortName} is running at ${config.PUBLIC_URL}  (${db}, ready in ${Math.round(performance.now() - started)} ms)\n`,
  );

  // The demo serves while its data loads (pages that depend on it say so), and starts the jobs after.
  let jobs: JobRunner | null = null;
  const background = (async () => {
    if (options.seed) {
      await seedDemo(ctx, modules);
      console.log(`  Demo data loaded (${Math.round(performance.now() - started)} ms after start).\n`);
    }
    if (config.RUN_JOBS) jobs = await startJobRunner(ctx, modules);
  })();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      redirect?.close();
      await listening.stopAccepting();
      await app.close(); // drains requests, then flushes the access log (onClose)
      // Demo data still loading is given up: the seeds are idempotent, the next start finishes them.
      await jobs?.stop();
      await database.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await background;
  } catch (err) {
    log.error({ err }, options.seed ? 'loading the demo data failed' : 'starting the jobs failed');
  }
}

if (import.meta.filename === process.argv[1]) {
  await startWeb(loadConfig());
}
