import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/core/config/config.ts';
import { BackupError, backup, restore } from '../../src/core/db/backup.ts';
import { createDatabase, type Database } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { openMigratedDatabase } from '../../src/core/db/open.ts';
import { modules } from '../../src/modules.ts';
import { withAdminClient } from '../support/postgres.ts';
import { createTestStaff } from '../support/staff.ts';
import { ensureTemplate } from '../support/template-db.ts';
import { TEST_DATABASE_URL } from '../support/test-db.ts';
import { TEST_SECRET } from '../support/test-server.ts';

/**
 * `backup` and `restore` as an operator runs them: back up, lose everything, restore, find the
 * data. On PostgreSQL in a database of its own (created and dropped here), since a restore
 * replaces a whole database; on the embedded database in a data folder of its own.
 */
const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const run = promisify(execFile);

const work = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-backup-'));
const dataDir = path.join(work, 'data');
const uploadDir = path.join(work, 'uploads');
const dbName = `stadtwerk_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const url = (() => {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

const env: NodeJS.ProcessEnv = {
  ...process.env,
  LOG_LEVEL: 'warn',
  SECRET_KEY: TEST_SECRET,
  DATA_DIR: dataDir,
  UPLOAD_DIR: uploadDir,
  // On PostgreSQL in a schema of its own, as several instances run (the schema and its job queue's are dumped).
  ...(onPostgres ? { DATABASE_URL: url, DATABASE_SCHEMA: 'stadtwerk' } : { DATABASE_URL: '' }),
};

/** The CLI as a process: its exit code and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], { cwd: root, env });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const open = (): Promise<Database> =>
  onPostgres ? createDatabase({ url, schema: 'stadtwerk', poolSize: 2 }) : createDatabase({ dataDir });
const staffEmails = async (database: Database) =>
  (await database.executeSql('select email from staff_accounts order by email')).rows.map((r) => r.email as string);

async function wipe(): Promise<void> {
  if (onPostgres) {
    await withAdminClient(async (client) => {
      // WITH (FORCE): a backend of a process that just exited may not have ended yet (PostgreSQL 13+).
      await client.query(`drop database if exists ${dbName} with (force)`);
      await client.query(`create database ${dbName}`);
    });
  } else {
    rmSync(dataDir, { recursive: true, force: true });
  }
  rmSync(uploadDir, { recursive: true, force: true });
}

beforeAll(async () => {
  if (onPostgres) {
    await withAdminClient((client) => client.query(`create database ${dbName}`));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('create schema stadtwerk');
    await admin.end();
  } else cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
  const database = await open();
  try {
    if (onPostgres) await migrateToLatest(database, modules);
    await createTestStaff(database.db, ['editor']);
  } finally {
    await database.close();
  }
  mkdirSync(path.join(uploadDir, 'ab'), { recursive: true });
  writeFileSync(path.join(uploadDir, 'ab', 'photo.bin'), 'an uploaded file');
}, 120_000);

afterAll(async () => {
  if (onPostgres) await withAdminClient((client) => client.query(`drop database if exists ${dbName} with (force)`));
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  test('back up, lose the database and the files, restore: the data and the files are back, and the installation opens', async () => {
    const before = await open();
    const emails = await staffEmails(before);
    await before.close();
    expect(emails).toHaveLength(1);

    const target = path.join(work, 'backup-1');
    const made = await cli('backup', target);
    expect(made, made.out).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(path.join(target, 'backup.json'), 'utf8'))).toMatchObject({
      format: 1,
      kind: onPostgres ? 'postgres' : 'pglite',
      files: true,
    });

    await wipe();
    if (!onPostgres) expect(existsSync(dataDir)).toBe(false);

    const restored = await cli('restore', target);
    expect(restored, restored.out).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(uploadDir, 'ab', 'photo.bin'), 'utf8')).toBe('an uploaded file');
    const after = await open();
    try {
      expect(await staffEmails(after)).toEqual(emails);
    } finally {
      await after.close();
    }
    // The restored installation is whole: it opens, its register matches its schema.
    await (await openMigratedDatabase(loadConfig(env), modules)).close();
  }, 180_000);

  test('a backup goes only into a new folder; a restore over data needs --replace, and without it nothing changes', async () => {
    // The CLI's own wiring is proven above; the refusals are the functions' (each process start costs seconds).
    const config = loadConfig(env);
    const target = path.join(work, 'backup-2');
    await backup(config, target);
    await expect(backup(config, target)).rejects.toThrow(/is not empty/);

    const database = await open();
    await createTestStaff(database.db, ['editor']);
    const emails = await staffEmails(database);
    await database.close();
    expect(emails).toHaveLength(2);

    await expect(restore(config, target, { replace: false })).rejects.toThrow(/--replace/);
    const unchanged = await open();
    expect(await staffEmails(unchanged)).toEqual(emails);
    await unchanged.close();

    await restore(config, target, { replace: true });
    const back = await open();
    try {
      expect(await staffEmails(back)).toHaveLength(1);
    } finally {
      await back.close();
    }
    await expect(restore(config, work, { replace: true })).rejects.toThrow(BackupError);
    await expect(restore(config, work, { replace: true })).rejects.toThrow(/holds no backup/);
  }, 180_000);
});
