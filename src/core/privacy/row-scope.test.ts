import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Role } from '../roles.ts';
import type { ProcessingActivity } from './register.types.ts';
import { rolesSeeingRow, rowAccess, rowAccessCondition } from './row-scope.ts';

const activity = (scoped: boolean): ProcessingActivity => ({
  id: 'probe.requests',
  title: { de: 'x', en: 'x' },
  purpose: { de: 'x', en: 'x' },
  legalBasis: ['b-contract'],
  dataSubjects: { de: 'x', en: 'x' },
  dataCategories: [],
  personalColumns: [],
  recipients: {
    roles: ['department:grid', 'department:billing', 'customer-service'],
    ...(scoped
      ? { scope: { column: 'topic', valueFor: (r: Role) => (r.startsWith('department:') ? r.slice('department:'.length) : null) } }
      : {}),
  },
  source: { de: 'x', en: 'x' },
  retention: [],
  claims: [],
});

describe('row scopes from the register', () => {
  test('each recipient role opens only its own rows; roles that are no recipient open none', () => {
    const a = activity(true);
    expect(rowAccess(a, ['department:grid'])).toEqual({ kind: 'some', column: 'topic', values: ['grid'] });
    expect(rowAccess(a, ['department:grid', 'department:billing', 'admin'])).toEqual({
      kind: 'some',
      column: 'topic',
      values: ['billing', 'grid'],
    });
    // a recipient whose role maps to no value sees no row of a scoped activity
    expect(rowAccess(a, ['customer-service'])).toEqual({ kind: 'none' });
    expect(rowAccess(a, ['admin', 'department:water'])).toEqual({ kind: 'none' });
  });

  test('without a scope every recipient sees every row', () => {
    const a = activity(false);
    expect(rowAccess(a, ['customer-service'])).toEqual({ kind: 'all' });
    expect(rowAccess(a, ['admin'])).toEqual({ kind: 'none' });
  });

  test('the roles that see a row are the recipients whose value it holds', () => {
    expect(rolesSeeingRow(activity(true), 'grid')).toEqual(['department:grid']);
    expect(rolesSeeingRow(activity(true), null)).toEqual([]);
    expect(rolesSeeingRow(activity(false), null)).toEqual(['department:grid', 'department:billing', 'customer-service']);
  });

  test('roles the scope names in seeAll see every row, the others still only their own', () => {
    const base = activity(true);
    const scope = base.recipients.scope as NonNullable<typeof base.recipients.scope>;
    const a: ProcessingActivity = { ...base, recipients: { ...base.recipients, scope: { ...scope, seeAll: ['customer-service'] } } };
    expect(rowAccess(a, ['customer-service'])).toEqual({ kind: 'all' });
    expect(rowAccess(a, ['department:grid'])).toEqual({ kind: 'some', column: 'topic', values: ['grid'] });
    expect(rolesSeeingRow(a, 'grid')).toEqual(['department:grid', 'customer-service']);
    expect(rolesSeeingRow(a, null)).toEqual(['customer-service']);
  });

  test('the access becomes a SQL condition with bound values, never spliced text', () => {
    const db = new Kysely<{ requests: { id: string; topic: string } }>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const where = (access: Parameters<typeof rowAccessCondition>[0]) =>
      db.selectFrom('requests as r').select('id').where(rowAccessCondition(access, 'r')).compile();
    const some = where({ kind: 'some', column: 'topic', values: ["grid'; drop table x; --", 'billing'] });
    expect(some.sql).toBe('select "id" from "requests" as "r" where "r"."topic" in ($1, $2)');
    expect(some.parameters).toEqual(["grid'; drop table x; --", 'billing']);
    expect(where({ kind: 'none' }).sql).toMatch(/where false$/);
    expect(where({ kind: 'all' }).sql).toMatch(/where true$/);
  });
});
