// The access log's writer on the embedded engine, alone: entries arrive 30 per turn of the event
// loop (as requests do under load) and the writer stores them with COPYs of at most N entries.
// Reported per N: CPU time per entry (process.cpuUsage, so it barely depends on what else the
// shared machine runs) and the CPU time of the longest single write, which is how long a request
// can wait behind the log (PGlite holds the loop while a statement runs). The writer's default N
// (EMBEDDED_ENTRIES_PER_WRITE) rests on this trade-off; 5,000 was the old upper bound.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { createDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrator.ts';
import { createLogger } from '../src/core/logger.ts';
import type { EmbeddedEngine, NewEntry } from '../src/modules/accesslog/accesslog.queries.ts';
import type { AccesslogTables } from '../src/modules/accesslog/accesslog.tables.ts';
import { AccessLogWriter, EMBEDDED_ENTRIES_PER_WRITE } from '../src/modules/accesslog/accesslog.writer.ts';
import { modules } from '../src/modules.ts';
import { machine, median } from './lib/machine.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 150_000);
const PER_TURN = 30;
const SIZES = [100, EMBEDDED_ENTRIES_PER_WRITE, 500, 5_000];
const ROUNDS = 2;

const entry = (i: number): NewEntry => ({
  occurredAt: new Date(),
  clientIp: '198.51.100.7',
  method: 'GET',
  path: '/',
  referrer: null,
  status: 200,
  bytesSent: 5_000 + (i % 7),
  browser: 'Chrome 131',
  os: 'Windows 10',
});

async function measure(pglite: PGlite, database: Awaited<ReturnType<typeof createDatabase>>, entriesPerWrite: number) {
  let longestWriteMicros = 0;
  // The real engine; each write's CPU time (its whole transaction: COPY and statistics) noted.
  const timed: EmbeddedEngine = {
    transaction: (async (...args: Parameters<PGlite['transaction']>) => {
      const before = process.cpuUsage();
      const result = await pglite.transaction(...args);
      const used = process.cpuUsage(before);
      longestWriteMicros = Math.max(longestWriteMicros, used.user + used.system);
      return result;
    }) as EmbeddedEngine['transaction'],
  };
  const writer = new AccessLogWriter({
    db: database.db.withTables<AccesslogTables>(),
    log: createLogger('silent'),
    flushIntervalMs: 1_000,
    // A write starts once N are buffered, so every write holds N entries (the bound's worst case).
    batchSize: entriesPerWrite,
    embedded: timed,
    entriesPerWrite,
  });
  const feed = async (n: number) => {
    for (let i = 0; i < n; i += PER_TURN) {
      for (let k = 0; k < PER_TURN; k++) writer.record(entry(i + k));
      await nextTurn();
    }
    await writer.flush();
  };
  await feed(20_000); // warm-up: the engine's code is compiled as it runs
  longestWriteMicros = 0;
  const before = process.cpuUsage();
  await feed(ENTRIES);
  const used = process.cpuUsage(before);
  return { cpuMicrosPerEntry: (used.user + used.system) / ENTRIES, longestWriteMs: longestWriteMicros / 1000 };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-bench-log-writer-'));
const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
try {
  const database = await createDatabase({ dataDir });
  await migrateToLatest(database, modules);
  const results: Record<number, { cpu: number[]; longest: number[] }> = {};
  for (let round = 0; round < ROUNDS; round++)
    for (const size of SIZES) {
      const r = await measure(database.pglite as PGlite, database, size);
      results[size] ??= { cpu: [], longest: [] };
      results[size].cpu.push(r.cpuMicrosPerEntry);
      results[size].longest.push(r.longestWriteMs);
    }
  await database.close();
  console.log(
    JSON.stringify(
      {
        benchmark: 'log-writer',
        description: `access log writer on PGlite: ${ENTRIES} entries arriving ${PER_TURN} per event-loop turn, stored in transactions of at most N entries (COPY and the statistics they add to); medians of ${ROUNDS} rounds`,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
        default: EMBEDDED_ENTRIES_PER_WRITE,
        entriesPerWrite: SIZES.map((size) => ({
          n: size,
          cpuMicrosPerEntry: Number(median(results[size]?.cpu ?? []).toFixed(2)),
          longestWriteCpuMs: Number(median(results[size]?.longest ?? []).toFixed(1)),
        })),
        machine: machine(),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
