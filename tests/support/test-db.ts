import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type Database, fromPGlite, openPGlite } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { modules } from '../../src/modules.ts';
import { ensureTemplate } from './template-db.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = await createDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 5 });
    await migrateToLatest(database, modules);
    const close = database.close;
    return {
      ...database,
      url: TEST_DATABASE_URL,
      close: async () => {
        await close();
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.query(`drop schema if exists ${schema}_pgboss cascade`);
        await c.end();
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
