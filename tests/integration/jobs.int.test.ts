import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startJobRunner } from '../../src/core/jobs/jobs.ts';
import { defineModule } from '../../src/core/module.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

let ctx: TestContext;
const seen: Record<string, unknown>[] = [];
const probe = defineModule({
  name: 'probe',
  jobs: [{ name: 'probe.echo', run: async (_ctx, data) => seen.push(data) }],
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
      const deadline = Date.now() + 30_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(seen.map((d) => d.n).sort()).toEqual([1, 2]);
    } finally {
      await runner.stop();
    }
  }, 60_000);
});
