import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { buildServer } from '../http/index.ts';
import { defineModule } from '../module.ts';
import { checkRegisterAgainstSchema, RegisterError } from './register.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await sql`create table register_probe (id serial primary key, email text, secret_note text, created_at timestamptz)`.execute(ctx.db);
});
afterAll(() => ctx?.database.close());

const probe = (personalColumns: string[], ruleStart = 'created_at') =>
  defineModule({
    name: 'probe',
    privacy: {
      activities: [
        {
          id: 'probe.things',
          title: { de: 'Probe', en: 'Probe' },
          purpose: { de: 'Test', en: 'Test' },
          legalBasis: ['b-contract'],
          dataSubjects: { de: 'x', en: 'x' },
          dataCategories: [],
          personalColumns,
          recipients: { roles: ['admin'] },
          source: { de: 'x', en: 'x' },
          retention: [
            {
              id: 'r',
              table: 'register_probe',
              start: ruleStart,
              startEvent: { de: 'x', en: 'x' },
              after: { days: 1 },
              action: { kind: 'delete' },
              claims: [],
            },
          ],
          claims: [],
        },
      ],
      personalTables: { register_probe: { nonPersonal: ['id', 'created_at'] } },
    },
  });

describe('the processing register against the schema', () => {
  test("the installation's register declares every column of every table of personal data", async () => {
    expect(await checkRegisterAgainstSchema(ctx.database, ctx.modules, ctx.config)).toEqual([]);
  });

  test('an undeclared column in a table of personal data is reported', async () => {
    const problems = await checkRegisterAgainstSchema(ctx.database, [...ctx.modules, probe(['register_probe.email'])], ctx.config);
    expect(problems).toEqual([
      'register_probe.secret_note is in a table of personal data but no activity declares it (nor is it listed as non-personal)',
    ]);
  });

  test('declarations and rules that name missing columns are reported', async () => {
    const problems = await checkRegisterAgainstSchema(
      ctx.database,
      [...ctx.modules, probe(['register_probe.email', 'register_probe.secret_note', 'register_probe.phone'], 'handled_at')],
      ctx.config,
    );
    expect(problems).toEqual([
      'probe.things: personal column register_probe.phone does not exist',
      'probe.things/r: column register_probe.handled_at does not exist',
    ]);
  });

  test('boot fails when the register does not match', async () => {
    await expect(
      buildServer({
        config: ctx.config,
        database: ctx.database,
        modules: [...ctx.modules, probe(['register_probe.email'])],
        clock: ctx.clock,
        logger: ctx.log,
      }),
    ).rejects.toBeInstanceOf(RegisterError);
  });
});
