import { createAppContext } from '../../src/core/app-context.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { AppContext, ModuleDefinition } from '../../src/core/module.ts';
import { modules as allModules } from '../../src/modules.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { testConfig } from './test-server.ts';

export interface TestContext extends AppContext {
  database: TestDatabase;
  clock: ManualClock;
}

/** An application context without a web server: for jobs, commands and the privacy engine. */
export async function createTestContext(
  options: { modules?: readonly ModuleDefinition[]; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestContext> {
  const database = options.database ?? (await createTestDatabase());
  const clock = new ManualClock();
  const ctx = createAppContext(testConfig(options.env), database, options.modules ?? allModules, clock, createLogger('silent'));
  return { ...ctx, database, clock };
}
