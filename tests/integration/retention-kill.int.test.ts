import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../../src/core/db/database.ts';
import { ensureTemplate } from '../support/template-db.ts';
import { TEST_DATABASE_URL } from '../support/test-db.ts';

const root = path.resolve(import.meta.dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const EXPIRED = 30_000;
const YOUNG = 5_000;
const schemas: string[] = [];

/** A database of its own with the same rows each time: expired and young access-log entries. */
async function preparedDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  let env: Record<string, string>;
  if (onPostgres) {
    const schema = `k_${process.pid}_${schemas.length}_${Date.now()}`;
    schemas.push(schema);
    env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-kill-'));
    cpSync(await ensureTemplate(), path.join(dataDir, 'db'), { recursive: true });
    env = { DATA_DIR: dataDir };
  }
  const open = async () =>
    onPostgres ? createDatabase({ url: TEST_DATABASE_URL, schema: env.DATABASE_SCHEMA }) : createDatabase({ dataDir: env.DATA_DIR });
  if (onPostgres) await run(env, ['migrate']);
  const database = await open();
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

async function remainingPaths(open: () => Promise<Database>): Promise<{ paths: string[]; deleted: number }> {
  const database = await open();
  try {
    const rows = await sql<{ path: string }>`select path from accesslog_entries order by path`.execute(database.db);
    const records = await sql<{
      n: number;
    }>`select coalesce(sum(affected), 0)::int as n from deletion_records where activity = 'accesslog.website-use'`.execute(database.db);
    return { paths: rows.rows.map((r) => r.path), deleted: records.rows[0]?.n ?? 0 };
  } finally {
    await database.close();
  }
}

afterAll(async () => {
  if (!onPostgres || schemas.length === 0) return;
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  for (const s of schemas) {
    await c.query(`drop schema if exists ${s} cascade`);
    await c.query(`drop schema if exists ${s}_pgboss cascade`);
  }
  await c.end();
});

describe('retention run, killed mid-way', () => {
  test('a run killed with SIGKILL and run again leaves exactly what a clean run leaves', async () => {
    const args = ['retention', 'run', '--activity', 'accesslog.website-use', '--batch-size', '100'];
    const clean = await preparedDatabase();
    const killed = await preparedDatabase();

    await run(clean.env, args);
    const expected = await remainingPaths(clean.open);
    expect(expected.paths).toHaveLength(YOUNG);
    expect(expected.deleted).toBe(EXPIRED);

    // Kill as soon as the run reports progress: some batches are committed, many are not.
    const child = start(killed.env, args);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d;
        if (/retention run: [1-9]\d*\//.test(out)) {
          child.kill('SIGKILL');
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.stdout?.on('data', onData);
      child.on('exit', () => reject(new Error(`finished before it could be killed:\n${out}`)));
    });
    await new Promise((r) => child.once('exit', r));
    const partial = await remainingPaths(killed.open);
    expect(partial.paths.length).toBeGreaterThan(YOUNG);
    expect(partial.paths.length).toBeLessThan(YOUNG + EXPIRED);
    // Committed batches and their counts agree even after the kill.
    expect(partial.deleted).toBe(YOUNG + EXPIRED - partial.paths.length);

    await run(killed.env, args);
    const after = await remainingPaths(killed.open);
    expect(after.paths).toEqual(expected.paths);
    expect(after.deleted).toBe(EXPIRED);
  }, 240_000);
});
