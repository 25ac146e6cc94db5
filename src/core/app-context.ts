import type { Logger } from 'pino';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config/index.ts';
import type { Database } from './db/index.ts';
import { createLogger } from './logger.ts';
import type { AppContext, ModuleDefinition } from './module.ts';

export function createAppContext(
  config: Config,
  database: Database,
  modules: readonly ModuleDefinition[],
  clock: Clock = systemClock,
  log?: Logger,
): AppContext {
  return { config, database, db: database.db, clock, log: log ?? createLogger(config.LOG_LEVEL), modules };
}
