import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrator.ts';
import { writeDemoLog } from '../../src/modules/accesslog/accesslog.demo-log.ts';
import { modules } from '../../src/modules.ts';
import { killWhenPaused as killChildWhenPaused } from '../support/pause-kill.ts';
import { withAdminClient } from '../support/postgres.ts';
import { ensureTemplate } from '../support/template-db.ts';
import { TEST_DATABASE_URL, testSchemaName } from '../support/test-db.ts';

// The access-log import killed with SIGKILL mid-run, then run again: it must end exactly where an
// import that was never interrupted ends (same entries, same statistics, one import record). The
// kill lands at the last moment before the commit: every entry and statistic written, the import
// record not yet. (A repeated file is refused: accesslog.int.test.ts.) The retention run and the newsletter send have their
// own kill tests (retention-kill.int.test.ts, newsletter.kill.int.test.ts).
const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
// Recent lines, so each is kept as an entry too: two batches of entries (5,000 a batch).
const LINES = 6_000;
const work = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-import-kill-'));
const logFile = path.join(work, 'access.log');

beforeAll(async () => {
  const to = new Date();
  await writeDemoLog(logFile, { lines: LINES, from: new Date(to.getTime() - 5 * 86_400_000), to, seed: 7 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A database of its own, migrated and empty of access-log data. */
async function preparedDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  let env: Record<string, string>;
  if (onPostgres) {
    env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: testSchemaName() };
    await withAdminClient((client) => client.query(`create schema ${env.DATABASE_SCHEMA}`));
  } else {
    const dataDir = mkdtempSync(path.join(work, 'data-'));
    cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
    env = { DATA_DIR: dataDir };
  }
  const open = () =>
    onPostgres ? createDatabase({ url: TEST_DATABASE_URL, schema: env.DATABASE_SCHEMA }) : createDatabase({ dataDir: env.DATA_DIR });
  if (onPostgres) {
    const database = await open();
    await migrateToLatest(database, modules);
    await database.close();
  }
  return { env, open };
}

const ARGS = ['accesslog', 'import', logFile];

/** One process (no tsx wrapper), so SIGKILL hits the process that does the work. */
function start(env: Record<string, string>): ChildProcess {
  return spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'src/cli.ts', ...ARGS], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
  });
}

function run(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = start(env);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Runs the import until it reports that it holds at the pause point, then kills it. */
async function killWhenPaused(env: Record<string, string>, pauseAt: string): Promise<void> {
  await killChildWhenPaused(start({ ...env, TEST_PAUSE_AT: pauseAt }), pauseAt);
}

/** What an import leaves: entries by path, the statistics, the import records. */
async function holdings(open: () => Promise<Database>) {
  const database = await open();
  try {
    const entries = await sql<{ n: number; bytes: number; paths: number }>`
      select count(*)::int as n, coalesce(sum(bytes_sent), 0)::bigint as bytes, count(distinct path)::int as paths
      from accesslog_entries where source = 'import'`.execute(database.db);
    const stats = await sql<{ dimension: string; requests: number; bytes: number; keys: number }>`
      select dimension, sum(requests)::bigint as requests, sum(bytes)::bigint as bytes, count(*)::int as keys
      from accesslog_daily_stats where source = 'import' group by dimension order by dimension`.execute(database.db);
    const imports = await sql<{ lines: number; kept: number }>`
      select lines_read as lines, entries_kept as kept from accesslog_imports`.execute(database.db);
    return { entries: entries.rows[0], stats: stats.rows, imports: imports.rows };
  } finally {
    await database.close();
  }
}

/** An import that is never interrupted, on a database of its own: what a killed one must end with. */
async function uninterrupted() {
  const unkilled = await preparedDatabase();
  const done = await run(unkilled.env);
  expect(done.code, done.out).toBe(0);
  const held = await holdings(unkilled.open);
  expect(held.imports).toEqual([{ lines: LINES, kept: LINES }]);
  expect(held.entries?.n).toBe(LINES);
  return held;
}

describe('access-log import, killed mid-way', () => {
  test('an import killed with SIGKILL after writing its entries and statistics leaves nothing; run again it ends exactly as an uninterrupted one', async () => {
    const killed = await preparedDatabase();
    // The uninterrupted import runs meanwhile, on its own database.
    const [reference] = await Promise.all([uninterrupted(), killWhenPaused(killed.env, 'accesslog-import-stats-written:1')]);
    // One transaction: the kill leaves not a single entry, statistic or record behind.
    expect(await holdings(killed.open)).toEqual({ entries: { n: 0, bytes: 0, paths: 0 }, stats: [], imports: [] });

    const rerun = await run(killed.env);
    expect(rerun.code, rerun.out).toBe(0);
    expect(await holdings(killed.open)).toEqual(reference);
  }, 240_000);
});
