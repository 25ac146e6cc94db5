import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../src/core/clock.ts';
import { type Config, loadConfig } from '../../src/core/config/config.ts';
import { buildServer, type Server } from '../../src/core/http/server.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { ModuleDefinition } from '../../src/core/module.ts';
import { modules as allModules } from '../../src/modules.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export interface TestApp extends Server {
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

/** A secret key made for this test run only. */
export const TEST_SECRET = randomBytes(32).toString('base64url');

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: '/nonexistent',
    ACCESSLOG_FLUSH_INTERVAL_MS: '20',
    RATE_LIMIT_PER_MINUTE: '100000',
    FORM_RATE_LIMIT_PER_MINUTE: '100000',
    SECRET_KEY: TEST_SECRET,
    ...env,
  });
}

/** The whole application on a fresh test database, driven through inject(). */
export async function createTestApp(
  options: { env?: Record<string, string>; modules?: readonly ModuleDefinition[]; clock?: ManualClock; database?: TestDatabase } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? new ManualClock();
  const server = await buildServer({
    config,
    database,
    modules: options.modules ?? allModules,
    clock,
    logger: createLogger('silent'),
  });
  return {
    ...server,
    database,
    clock,
    config,
    close: async () => {
      await server.app.close();
      await database.close();
    },
  };
}
