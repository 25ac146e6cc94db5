import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { modules } from '../../src/modules.ts';
import { killWhenPaused as killChildWhenPaused } from '../support/pause-kill.ts';
import { withAdminClient } from '../support/postgres.ts';
import { ensureTemplate } from '../support/template-db.ts';
import { TEST_DATABASE_URL, testSchemaName } from '../support/test-db.ts';

const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const EXPIRED = 10_000;
const YOUNG = 2_000;
// Small batches: the run takes dozens of them, so a kill after the first few lands mid-run.
const ARGS = ['retention', 'run', '--activity', 'accesslog.website-use', '--batch-size', '100'];
// PGlite data folders; PostgreSQL schemas go in the suite's teardown.
const dataDirs: string[] = [];

/** A database of its own with the same rows each time: expired and young access-log entries. */
async function preparedDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  let env: Record<string, string>;
  if (onPostgres) {
    env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: testSchemaName() };
    await withAdminClient((client) => client.query(`create schema ${env.DATABASE_SCHEMA}`));
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-kill-'));
    dataDirs.push(dataDir);
    cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
    env = { DATA_DIR: dataDir };
  }
  const open = async () =>
    onPostgres ? createDatabase({ url: TEST_DATABASE_URL, schema: env.DATABASE_SCHEMA }) : createDatabase({ dataDir: env.DATA_DIR });
  const database = await open();
  if (onPostgres) await migrateToLatest(database, modules);
  await sql`insert into accesslog_entries (occurred_at, client_ip, method, path, status, bytes_sent, aggregated)
    select now() - (interval '100 days') - g * interval '1 second', '192.0.2.' || (g % 250), 'GET', '/old/' || g, 200, g, true
    from generate_series(1, ${EXPIRED}) g`.execute(database.db);
  await sql`insert into accesslog_entries (occurred_at, client_ip, method, path, status, bytes_sent, aggregated)
    select now() - (interval '10 days') - g * interval '1 second', '198.51.100.' || (g % 250), 'GET', '/young/' || g, 200, g, true
    from generate_series(1, ${YOUNG}) g`.execute(database.db);
  await database.close();
  return { env, open };
}

/** One process (no tsx wrapper), so SIGKILL hits the process that does the work. */
function start(env: Record<string, string>, args: string[]): ChildProcess {
  return spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
}

function run(env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = start(env, args);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
  });
}

/**
 * Runs the retention command until it reports that it holds at the pause point (TEST_PAUSE_AT),
 * then kills it with SIGKILL: the kill lands where the run said it was, however fast the machine.
 */
async function killWhenPaused(env: Record<string, string>, pauseAt: string): Promise<void> {
  await killChildWhenPaused(start({ ...env, TEST_PAUSE_AT: pauseAt }, ARGS), pauseAt);
}

async function remainingPaths(open: () => Promise<Database>): Promise<{ paths: string[]; deleted: number }> {
  const database = await open();
  try {
    const rows = await sql<{ path: string }>`select path from accesslog_entries`.execute(database.db);
    const records = await sql<{
      n: number;
    }>`select coalesce(sum(affected), 0)::int as n from deletion_records where activity = 'accesslog.website-use'`.execute(database.db);
    return { paths: rows.rows.map((r) => r.path).sort(), deleted: records.rows[0]?.n ?? 0 };
  } finally {
    await database.close();
  }
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** What a run that is never interrupted leaves: every young entry, none of the expired. */
const youngPaths = Array.from({ length: YOUNG }, (_, i) => `/young/${i + 1}`).sort();

describe('retention run, killed mid-way', () => {
  test.each([
    { when: 'inside its third batch', pauseAt: 'retention-batch-open:3' },
    { when: 'after its second committed batch', pauseAt: 'retention-batch-committed:2' },
  ])(
    'a run killed with SIGKILL $when and run again deletes exactly the expired rows, each counted once',
    async ({ pauseAt }) => {
      const killed = await preparedDatabase();
      await killWhenPaused(killed.env, pauseAt);

      // Two batches are committed, the rest of the run is not.
      const partial = await remainingPaths(killed.open);
      expect(partial.paths.length).toBeGreaterThan(YOUNG);
      expect(partial.paths.length).toBeLessThan(YOUNG + EXPIRED);
      // Committed batches and their counts agree even after the kill.
      expect(partial.deleted).toBe(YOUNG + EXPIRED - partial.paths.length);

      await run(killed.env, ARGS);
      const after = await remainingPaths(killed.open);
      expect(after.paths).toEqual(youngPaths);
      expect(after.deleted).toBe(EXPIRED);
    },
    240_000,
  );
});
