import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withAdminClient } from '../../../tests/support/postgres.ts';
import { createTestDatabase, type TestDatabase, testSchemaName } from '../../../tests/support/test-db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** Another schema on the same server, as a parallel test file or a second installation has. */
const otherSchemaName = () => (database.kind === 'postgres' ? testSchemaName() : 'other_installation');

describe('database introspection', () => {
  test('sees the tables of the schema in use, and none of another schema', async () => {
    const other = otherSchemaName();
    await sql`create schema ${sql.id(other)}`.execute(database.db);
    await sql`create table ${sql.id(other, 'intruder')} (id serial primary key)`.execute(database.db);
    await sql`create table introspection_probe (
      id integer generated always as identity primary key,
      note text not null default 'x',
      seen_on date
    )`.execute(database.db);
    await sql`comment on column introspection_probe.note is 'why'`.execute(database.db);

    const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
    const names = tables.map((t) => t.name);
    expect(names).toContain('schema_migrations');
    expect(names).toContain('accesslog_entries');
    expect(names).not.toContain('intruder');
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([rows[0]?.schema]));
    expect(tables.find((t) => t.name === 'introspection_probe')).toEqual({
      name: 'introspection_probe',
      schema: rows[0]?.schema,
      isView: false,
      isForeign: false,
      columns: [
        { name: 'id', dataType: 'int4', dataTypeSchema: 'pg_catalog', isNullable: false, hasDefaultValue: false, isAutoIncrementing: true },
        {
          name: 'note',
          dataType: 'text',
          dataTypeSchema: 'pg_catalog',
          isNullable: false,
          hasDefaultValue: true,
          isAutoIncrementing: false,
          comment: 'why',
        },
        {
          name: 'seen_on',
          dataType: 'date',
          dataTypeSchema: 'pg_catalog',
          isNullable: true,
          hasDefaultValue: false,
          isAutoIncrementing: false,
        },
      ],
    });
  });

  test.runIf(process.env.TEST_DB === 'postgres')(
    'does not fail while another schema on the server is dropped (a parallel test file, a second installation)',
    async () => {
      let churning = true;
      const churn = withAdminClient(async (client) => {
        try {
          for (let cycle = 0; cycle < 4; cycle++) {
            const other = otherSchemaName();
            await client.query(`create schema ${other}`);
            for (let i = 0; i < 60; i++) await client.query(`create table ${other}.t${i} (id serial primary key, note text)`);
            await client.query(`drop schema ${other} cascade`);
          }
        } finally {
          churning = false;
        }
      });
      // As long as the other schemas come and go, ask what the migrator asks.
      let looks = 0;
      try {
        while (churning) {
          await database.db.introspection.getTables({ withInternalKyselyTables: true });
          looks += 1;
        }
      } finally {
        await churn;
      }
      expect(looks).toBeGreaterThan(0);
    },
  );
});
