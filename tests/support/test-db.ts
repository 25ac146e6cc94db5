import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase, type Database, fromPGlite, openPGlite } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { modules } from '../../src/modules.ts';
import { dropSchemas, TEST_DATABASE_URL, withAdminClient } from './postgres.ts';
import { ensureTemplate } from './template-db.ts';

export { TEST_DATABASE_URL };

/**
 * A new schema name on the test PostgreSQL: the run's prefix (global setup), so the teardown
 * finds every schema of the run, and a random part, so files and runs never share one.
 */
export function testSchemaName(): string {
  const prefix = inject('testSchemaPrefix');
  if (!prefix) throw new Error('PostgreSQL tests run in the "postgres" project, whose global setup names their schemas');
  return `${prefix}${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;
}

export interface TestDatabase extends Database {
  /** The connection URL (with its own schema) on PostgreSQL; undefined on PGlite. */
  url?: string;
}

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template, or a schema of
 * its own on PostgreSQL, so parallel files and parallel CI runs never see each other's rows.
 */
export async function createTestDatabase(kind = process.env.TEST_DB ?? 'pglite'): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const schema = testSchemaName();
    await withAdminClient((client) => client.query(`create schema ${schema}`));
    const database = await createDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 5 });
    await migrateToLatest(database, modules);
    const close = database.close;
    return {
      ...database,
      url: TEST_DATABASE_URL,
      close: async () => {
        await close();
        // The schema and its job queue's (`<schema>_pgboss`).
        await dropSchemas(schema);
      },
    };
  }
  const template = await ensureTemplate();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-test-'));
  cpSync(template, dir, { recursive: true });
  const database = fromPGlite(await openPGlite(dir));
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
