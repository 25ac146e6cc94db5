// The retention runner against one plain DELETE … WHERE per table, on the same PostgreSQL in
// the same run: 1,000,000 expired rows over three tables plus as many live ones. A concurrent
// writer updates random rows the whole time; its longest wait is the lock cost of each approach.
import { sql } from 'kysely';
import pg from 'pg';
import { createAppContext } from '../src/core/app-context.ts';
import { ManualClock } from '../src/core/clock.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { createDatabase, type Database } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { createLogger } from '../src/core/logger.ts';
import { defineModule } from '../src/core/module.ts';
import { runRetention } from '../src/core/privacy/retention.runner.ts';
import { modules } from '../src/modules.ts';
import { machine } from './lib/machine.ts';

const URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EXPIRED = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TABLES = ['bench_requests', 'bench_callbacks', 'bench_entries'] as const;
const PER_TABLE = Math.ceil(EXPIRED / TABLES.length);
const BATCH = Number(process.env.BENCH_BATCH ?? 100_000);
const TARGET_MS = Number(process.env.BENCH_TARGET_MS ?? 250);
const NOW = new Date('2026-06-15T03:00:00Z');

const benchModule = defineModule({
  name: 'bench',
  privacy: {
    activities: TABLES.map((table) => ({
      id: `bench.${table}`,
      title: { de: table, en: table },
      purpose: { de: 'Benchmark', en: 'Benchmark' },
      legalBasis: ['b-contract' as const],
      dataSubjects: { de: '-', en: '-' },
      dataCategories: [],
      personalColumns: [`${table}.name`],
      recipients: { roles: [] },
      source: { de: '-', en: '-' },
      retention: [
        {
          id: 'expire',
          table,
          start: 'created_at',
          startEvent: { de: '-', en: '-' },
          after: { days: 90 },
          action: { kind: 'delete' as const },
          claims: [],
        },
      ],
      claims: [],
    })),
    personalTables: Object.fromEntries(TABLES.map((t) => [t, { nonPersonal: ['id', 'created_at', 'touched'] }])),
  },
});

async function fill(database: Database): Promise<void> {
  for (const table of TABLES) {
    await sql`drop table if exists ${sql.table(table)}`.execute(database.db);
    await sql`create table ${sql.table(table)} (id bigint primary key, name text not null, created_at timestamptz not null, touched int not null default 0)`.execute(
      database.db,
    );
    // Expired rows first (older than 90 days), then as many live ones, interleaved by id.
    await sql`insert into ${sql.table(table)} (id, name, created_at)
      select g, 'Person ' || g,
        case when g % 2 = 0 then ${NOW.toISOString()}::timestamptz - interval '200 days' + (g % 1000) * interval '1 minute'
             else ${NOW.toISOString()}::timestamptz - interval '10 days' end
      from generate_series(1, ${PER_TABLE * 2}) g`.execute(database.db);
    await sql`create index ${sql.id(`${table}_created_at`)} on ${sql.table(table)} (created_at)`.execute(database.db);
    await sql`analyze ${sql.table(table)}`.execute(database.db);
  }
}

/** Updates random rows (expired and live) one at a time and records the slowest wait. */
function startWriter(schema: string): { stop(): Promise<{ updates: number; maxWaitMs: number }> } {
  const client = new pg.Client({ connectionString: URL, options: `-c search_path=${schema}` });
  let running = true;
  let updates = 0;
  let maxWaitMs = 0;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const table = TABLES[updates % TABLES.length] as string;
      const id = 1 + Math.floor(Math.random() * PER_TABLE * 2);
      const started = performance.now();
      await client.query(`update ${table} set touched = touched + 1 where id = $1`, [id]);
      maxWaitMs = Math.max(maxWaitMs, performance.now() - started);
      updates += 1;
      await new Promise((r) => setTimeout(r, 5));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { updates, maxWaitMs: Number(maxWaitMs.toFixed(1)) };
    },
  };
}

const schema = `bench_retention_${process.pid}`;
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
await admin.query(`create schema ${schema}`);
const database = await createDatabase({ url: URL, schema, poolSize: 4 });
try {
  await migrateToLatest(database, modules);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  // Only the benchmark's rules, so both sides delete the same rows and nothing else.
  const ctx = createAppContext(config, database, [benchModule], new ManualClock(NOW), createLogger('silent'));

  await fill(database);
  let writer = startWriter(schema);
  let started = performance.now();
  const report = await runRetention(ctx, { trigger: 'cli', batchSize: BATCH, batchTargetMs: TARGET_MS });
  const runnerSeconds = (performance.now() - started) / 1000;
  const runnerWriter = await writer.stop();
  const runnerDeleted = report.rules.reduce((s, r) => s + r.affected, 0);

  await fill(database);
  writer = startWriter(schema);
  started = performance.now();
  let plainDeleted = 0;
  for (const table of TABLES) {
    const r =
      await sql`delete from ${sql.table(table)} where created_at < ${new Date(NOW.getTime() - 90 * 86_400_000).toISOString()}::timestamptz`.execute(
        database.db,
      );
    plainDeleted += Number(r.numAffectedRows ?? 0);
  }
  const plainSeconds = (performance.now() - started) / 1000;
  const plainWriter = await writer.stop();

  const runnerRate = runnerDeleted / runnerSeconds;
  const plainRate = plainDeleted / plainSeconds;
  console.log(
    JSON.stringify(
      {
        benchmark: 'retention',
        description: `${runnerDeleted.toLocaleString('en')} expired rows over ${TABLES.length} tables (plus as many live rows) on PostgreSQL: the retention runner (page-range batches read as TID range scans, adapting to ~${TARGET_MS} ms, at most ${BATCH} rows, the deletion record counted up in each batch) vs one plain DELETE … WHERE per table, same run. A concurrent writer updates random rows every 5 ms.`,
        runner: {
          rowsDeleted: runnerDeleted,
          seconds: Number(runnerSeconds.toFixed(2)),
          rowsPerSecond: Math.round(runnerRate),
          concurrentWriter: runnerWriter,
        },
        reference: {
          name: 'plain DELETE … WHERE per table',
          rowsDeleted: plainDeleted,
          seconds: Number(plainSeconds.toFixed(2)),
          rowsPerSecond: Math.round(plainRate),
          concurrentWriter: plainWriter,
        },
        ratio: Number((runnerRate / plainRate).toFixed(2)),
        longestLockWaitMs: { runner: runnerWriter.maxWaitMs, plainDelete: plainWriter.maxWaitMs },
        target: { ratio: 0.8 },
        postgres: (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]?.v.split(' on ')[0],
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  await database.close();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
}
