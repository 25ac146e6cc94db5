// What counting a route's rate limit in the database costs each request: the store's one upsert,
// one caller after another (latency) and 64 at once (throughput), on many addresses and on one
// hot address (all callers wait for one row's lock), on the embedded database and, when
// BENCH_DATABASE_URL is set, on PostgreSQL (in a schema made and dropped here).
import { sql } from 'kysely';
import { systemClock } from '../src/core/clock.ts';
import { createDatabase, type Database } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { databaseRateLimitStore, MemoryWindows } from '../src/core/http/rate-limit-store.ts';
import { modules } from '../src/modules.ts';
import { machine, median } from './lib/machine.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 4000);
const CONCURRENCY = 64;

type Store = InstanceType<ReturnType<typeof databaseRateLimitStore>>;
const incr = (store: Store, key: string) =>
  new Promise<void>((resolve, reject) => store.incr(key, (err) => (err ? reject(err) : resolve()), 60_000));

async function measure(database: Database) {
  const Store = databaseRateLimitStore(database.db, systemClock, { pageCounter: new MemoryWindows(systemClock) });
  // A route's own limit (a form's): one upsert per request. The page limit no longer writes per
  // request (decision 022).
  const store = new Store(undefined, 'POST /kontakt');
  for (let i = 0; i < 200; i++) await incr(store, `warm-${i % 20}`);
  const latencies: number[] = [];
  for (let i = 0; i < CALLS / 4; i++) {
    const started = performance.now();
    await incr(store, `198.51.100.${i % 250}`);
    latencies.push(performance.now() - started);
  }
  const parallel = async (key: (i: number) => string) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CALLS) await incr(store, key(next++));
      }),
    );
    return Math.round(CALLS / ((performance.now() - started) / 1000));
  };
  return {
    sequentialMedianMs: Number(median(latencies).toFixed(3)),
    sequentialP99Ms: Number((latencies.sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(3)),
    [`upsertsPerSecondAt${CONCURRENCY}ManyAddresses`]: await parallel((i) => `203.0.113.${i % 250}|${i % 7}`),
    [`upsertsPerSecondAt${CONCURRENCY}OneAddress`]: await parallel(() => '192.0.2.1'),
  };
}

const results: Record<string, unknown> = {};
const embedded = await createDatabase({ dataDir: 'memory://' });
try {
  await migrateToLatest(embedded, modules);
  results.pglite = await measure(embedded);
} finally {
  await embedded.close();
}
const url = process.env.BENCH_DATABASE_URL;
if (url) {
  const schema = `bench_rate_limit_${process.pid}`;
  const database = await createDatabase({ url, schema, poolSize: 10 });
  try {
    await sql`create schema ${sql.id(schema)}`.execute(database.db);
    await migrateToLatest(database, modules);
    results.postgres = await measure(database);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
    await database.close();
  }
}
console.log(JSON.stringify({ benchmark: 'rate-limit', calls: CALLS, ...results, machine: machine() }, null, 2));
