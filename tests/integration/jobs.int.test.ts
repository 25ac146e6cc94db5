import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startJobRunner } from '../../src/core/jobs/jobs.ts';
import { defineModule } from '../../src/core/module.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

let ctx: TestContext;
const seen: Record<string, unknown>[] = [];
let bothSeen: () => void;
const bothRan = new Promise<void>((resolve) => {
  bothSeen = resolve;
});
const probe = defineModule({
  name: 'probe',
  jobs: [
    {
      name: 'probe.echo',
      run: async (_ctx, data) => {
        seen.push(data);
        if (seen.length === 2) bothSeen();
      },
    },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.database.close());

describe('job queue', () => {
  test('a job sent to the queue runs once, with its data, on the configured database', async () => {
    const schema = ctx.database.schema ? `${ctx.database.schema}_pgboss` : 'pgboss';
    const runner = await startJobRunner({ ...ctx, modules: [probe] }, [probe], { schedule: false, schema });
    try {
      await runner.send('probe.echo', { n: 1 });
      await runner.send('probe.echo', { n: 2 });
      await bothRan;
    } finally {
      await runner.stop();
    }
    // Checked once the runner has stopped, so a second run of either job would count.
    expect(seen.map((d) => d.n).sort()).toEqual([1, 2]);
  }, 60_000);

  test.runIf(process.env.TEST_DB === 'postgres')(
    'several processes starting their queues at once on a new database all start (they race to create its schema)',
    async () => {
      const schema = `${ctx.database.schema ?? 'public'}_race_pgboss`;
      const runners = await Promise.all(
        Array.from({ length: 4 }, () => startJobRunner({ ...ctx, modules: [probe] }, [probe], { schedule: false, schema })),
      );
      try {
        expect(runners).toHaveLength(4);
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
        await ctx.database.executeSql(`drop schema if exists ${schema} cascade`);
      }
    },
    60_000,
  );
});
