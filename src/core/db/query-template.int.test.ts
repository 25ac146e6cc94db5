import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { queryTemplate } from './query-template.ts';

interface Probe {
  template_probe: { id: number; owner: string; at: Date };
}
let database: TestDatabase;
let db: Kysely<Probe>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db as unknown as Kysely<Probe>;
  await sql`create table template_probe (id int primary key, owner text not null, at timestamptz not null)`.execute(db);
  await sql`insert into template_probe values (1, 'a', '2026-01-01'), (2, 'a', '2026-06-01'), (3, 'b', '2026-06-01')`.execute(db);
});
afterAll(() => database?.close());

test('a template is built once and binds each call its own values, next to the constants of the query', async () => {
  let builds = 0;
  const byOwnerSince = queryTemplate((k: Kysely<Probe>, v: { owner: string; since: Date }) => {
    builds += 1;
    return k
      .selectFrom('template_probe')
      .select('id')
      .where('owner', '=', v.owner)
      .where('at', '>=', v.since)
      .where('id', '<', 100)
      .orderBy('id');
  });
  expect((await byOwnerSince(db, { owner: 'a', since: new Date('2025-12-31') })).map((r) => r.id)).toEqual([1, 2]);
  expect((await byOwnerSince(db, { owner: 'a', since: new Date('2026-03-01') })).map((r) => r.id)).toEqual([2]);
  expect((await byOwnerSince(db, { owner: 'b', since: new Date('2025-01-01') })).map((r) => r.id)).toEqual([3]);
  // Two builds to tell values from constants, then none.
  expect(builds).toBe(2);
});

test('a builder that computes from a value cannot be a template: it fails on first use instead of binding the wrong thing', async () => {
  const computed = queryTemplate((k: Kysely<Probe>, v: { owner: string }) =>
    k.selectFrom('template_probe').select('id').where('owner', '=', v.owner.toUpperCase()),
  );
  await expect(computed(db, { owner: 'a' })).rejects.toThrow(/computed from a value/);
  const shaped = queryTemplate((k: Kysely<Probe>, v: { owner: string }) =>
    v.owner.includes('1') ? k.selectFrom('template_probe').select('id') : k.selectFrom('template_probe').select('owner'),
  );
  await expect(shaped(db, { owner: 'a' })).rejects.toThrow(/depends on its values/);
});
