import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { MAX_NAMED_STATEMENTS, StatementNames } from './prepared-statements.ts';

// PostgreSQL only: the embedded engine has no named statements to keep.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const onPostgres = () => database.kind === 'postgres';

/** The statements this connection keeps prepared, by their text. */
const preparedOn = async (conn: typeof database.db) =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map((r) => r.statement);

test('data statements are planned once per connection and then run by name; DDL and several statements in one text are not', async (t) => {
  if (!onPostgres()) t.skip();
  await database.db.connection().execute(async (conn) => {
    await sql`create temporary table prepared_probe (id int primary key, note text)`.execute(conn);
    for (let i = 1; i <= 3; i++) {
      await sql`insert into prepared_probe (id, note) values (${i}, ${`n${i}`})`.execute(conn);
      const row = await sql<{ note: string }>`select note from prepared_probe where id = ${i}`.execute(conn);
      expect(row.rows[0]?.note).toBe(`n${i}`);
    }
    await sql`update prepared_probe set note = 'x'; delete from prepared_probe where id = 1`.execute(conn);
    const prepared = await preparedOn(conn);
    // One entry per text, however often it ran (three times each).
    expect(prepared.filter((s) => s.startsWith('insert into prepared_probe'))).toHaveLength(1);
    expect(prepared.filter((s) => s.startsWith('select note from prepared_probe'))).toHaveLength(1);
    expect(prepared.some((s) => s.startsWith('create temporary table'))).toBe(false);
    expect(prepared.some((s) => s.startsWith('update prepared_probe'))).toBe(false);
    expect((await sql<{ n: number }>`select count(*)::int as n from prepared_probe where note = 'x'`.execute(conn)).rows[0]?.n).toBe(2);
  });
});

test('a statement whose plan went stale (its table gained a column) fails once, then runs unnamed and answers with the new column', async (t) => {
  if (!onPostgres()) t.skip();
  await database.db.connection().execute(async (conn) => {
    await sql`create temporary table stale_probe (id int)`.execute(conn);
    await sql`insert into stale_probe values (1)`.execute(conn);
    const all = () => sql<Record<string, unknown>>`select * from stale_probe`.execute(conn);
    expect((await all()).rows).toEqual([{ id: 1 }]);
    await sql`alter table stale_probe add column note text default 'neu'`.execute(conn);
    await expect(all()).rejects.toMatchObject({ code: '0A000' });
    expect((await all()).rows).toEqual([{ id: 1, note: 'neu' }]);
  });
});

test(`names are bounded: after ${MAX_NAMED_STATEMENTS} distinct texts the rest go unnamed`, () => {
  const names = new StatementNames();
  for (let i = 0; i < MAX_NAMED_STATEMENTS; i++) expect(names.nameOf(`select ${i}`)).toBe(`k${i + 1}`);
  expect(names.nameOf('select 1')).toBe('k2');
  expect(names.nameOf('select -1')).toBeUndefined();
  expect(names.size).toBe(MAX_NAMED_STATEMENTS);
});
