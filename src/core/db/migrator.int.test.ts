import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { modules } from '../../modules.ts';
import { defineModule } from '../module.ts';
import { migrateToLatest } from './migrator.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

test('a module added later runs its migration even when its timestamp is older than ones already run', async () => {
  const late = defineModule({
    name: 'latecomer',
    migrations: {
      '20200101T0000_latecomer_create_rows': {
        up: async (db) => {
          await db.schema
            .createTable('latecomer_rows')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute();
        },
      },
    },
  });
  const result = await migrateToLatest(database, [...modules, late]);
  expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual([['20200101T0000_latecomer_create_rows', 'Success']]);
  const rows = await sql<{ n: number }>`select count(*)::int as n from latecomer_rows`.execute(database.db);
  expect(rows.rows[0]?.n).toBe(0);
});
