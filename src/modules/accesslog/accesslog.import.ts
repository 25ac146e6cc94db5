import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { DAY_MS } from '../../core/clock.ts';
import { inPGliteTransaction } from '../../core/db/index.ts';
import { ENTRY_COPY_SQL } from './accesslog.copy-binary.ts';
import type { RangeJob, WorkerMessage } from './accesslog.import-protocol.ts';
import { type AccesslogDb, addStats, insertEntryColumns } from './accesslog.queries.ts';
import { StatsAccumulator } from './accesslog.stats.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

export interface ImportOptions {
  now: Date;
  retentionDays: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Parsing threads; default: one per core, at most 4, and one per 8 MB of file. */
  threads?: number;
  /** Tests only: where a kill test may hold the import (src/core/pause-point.ts). */
  pauseAt?: (point: 'accesslog-import-entries-written' | 'accesslog-import-stats-written') => Promise<void>;
  /**
   * The embedded engine, when it is the one in use: entries then arrive from the workers as
   * binary COPY buffers and go in as they are. Without it (PostgreSQL), the unnest() insert.
   */
  embedded?: PGlite | undefined;
}

/** Writes one batch of entries as a worker sent it; resolves to the number of rows. */
type EntryWriter = (msg: Extract<WorkerMessage, { type: 'entries' | 'entries-copy' }>) => Promise<number>;

/** One transaction, with the way entries are written in it: binary COPY on PGlite, insert on PostgreSQL. */
function inImportTransaction<T>(
  db: Kysely<AccesslogTables>,
  embedded: PGlite | undefined,
  work: (trx: AccesslogDb, writeEntries: EntryWriter) => Promise<T>,
): Promise<T> {
  if (embedded) {
    return inPGliteTransaction<AccesslogTables, T>(embedded, (trx, tx) =>
      work(trx, async (msg) => {
        if (msg.type !== 'entries-copy') throw new Error('the import workers were asked for COPY buffers');
        await tx.query(ENTRY_COPY_SQL, [], { blob: new Blob([msg.copy]) });
        return msg.rows;
      }),
    );
  }
  return db.transaction().execute((trx) =>
    work(trx, async (msg) => {
      if (msg.type !== 'entries') throw new Error('the import workers were asked for column arrays');
      await insertEntryColumns(trx, msg.columns, 'import', true);
      return msg.columns.path.length;
    }),
  );
}

export interface ImportReport {
  file: string;
  linesRead: number;
  linesSkipped: number;
  /** First line numbers that did not parse, to show the operator. */
  skippedExamples: number[];
  entriesKept: number;
  statsRows: number;
  firstAt: Date | null;
  lastAt: Date | null;
  threads: number;
}

export class AlreadyImportedError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} was imported before (same content); nothing was changed`);
    this.file = file;
  }
}

const workerUrl = new URL('./accesslog.import-worker.ts', import.meta.url);

/**
 * The worker starts without this process's Node options (`execArgv: []`): those are tsx's
 * loader, and through it every worker spent about a second compiling its imports with esbuild
 * before it parsed a line (profile in docs/perf/accesslog-import.md). The worker is erasable
 * TypeScript that Node loads itself; V8 flags are process-wide and apply anyway.
 */
const WORKER_EXEC_ARGV: string[] = [];
const MIN_BYTES_PER_THREAD = 8 << 20;

/** Cuts the file into ranges that start right after a newline. */
async function lineAlignedRanges(file: string, size: number, parts: number): Promise<[number, number][]> {
  const cuts = [0];
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let i = 1; i < parts; i++) {
      let at = Math.floor((size * i) / parts);
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, at);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const nl = buf.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          at += nl + 1;
          break;
        }
        at += bytesRead;
      }
      cuts.push(Math.max(at, cuts.at(-1) as number));
    }
  } finally {
    await handle.close();
  }
  cuts.push(size);
  return cuts.slice(0, -1).map((start, i) => [start, cuts[i + 1] as number]);
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports a reverse proxy's combined log in one transaction: every line counts towards the
 * anonymous statistics; only lines younger than the retention period are kept as entries for
 * operations monitoring (older ones would already be past the 90-day limit, C07). Parsing runs
 * on worker threads over line-aligned byte ranges; this thread writes to the database.
 */
export async function importCombinedLog(db: Kysely<AccesslogTables>, file: string, options: ImportOptions): Promise<ImportReport> {
  const { size } = await stat(file);
  const threads = Math.max(1, options.threads ?? Math.min(os.availableParallelism(), 4, Math.ceil(size / MIN_BYTES_PER_THREAD)));
  const ranges = await lineAlignedRanges(file, size, threads);
  const cutoff = options.now.getTime() - options.retentionDays * DAY_MS;
  const report: ImportReport = {
    file: path.basename(file),
    linesRead: 0,
    linesSkipped: 0,
    skippedExamples: [],
    entriesKept: 0,
    statsRows: 0,
    firstAt: null,
    lastAt: null,
    threads,
  };
  const digest = sha256(file);
  let bytesRead = 0;

  try {
    await inImportTransaction(db, options.embedded, async (trx, writeEntries) => {
      // Writes happen one after another, in the order the batches arrive.
      let writing: Promise<void> = Promise.resolve();
      const results = await Promise.all(
        ranges.map(
          ([start, end]) =>
            new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve, reject) => {
              const worker = new Worker(workerUrl, {
                execArgv: WORKER_EXEC_ARGV,
                workerData: { file, start, end, cutoff, entries: options.embedded ? 'copy' : 'columns' } satisfies RangeJob,
              });
              worker.on('message', (msg: WorkerMessage) => {
                if (msg.type === 'progress') {
                  bytesRead += msg.bytes;
                  options.onProgress?.(bytesRead, size);
                } else if (msg.type === 'entries' || msg.type === 'entries-copy') {
                  writing = writing.then(async () => {
                    report.entriesKept += await writeEntries(msg);
                    await options.pauseAt?.('accesslog-import-entries-written');
                    worker.postMessage('written');
                  });
                  writing.catch((err) => {
                    void worker.terminate();
                    reject(err);
                  });
                } else resolve(msg);
              });
              worker.on('error', reject);
              worker.on('exit', (code) => {
                if (code !== 0) reject(new Error(`import worker stopped with code ${code}`));
              });
            }),
        ),
      );
      await writing;

      const stats = new StatsAccumulator();
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const r of results) {
        for (const n of r.skippedExamples) if (report.skippedExamples.length < 5) report.skippedExamples.push(report.linesRead + n);
        report.linesRead += r.lines;
        report.linesSkipped += r.skipped;
        if (r.first !== null && r.first < first) first = r.first;
        if (r.last !== null && r.last > last) last = r.last;
        stats.addRows(r.stats);
      }
      report.statsRows = await addStats(trx, 'import', stats.rows());
      report.firstAt = Number.isFinite(first) ? new Date(first) : null;
      report.lastAt = Number.isFinite(last) ? new Date(last) : null;
      await options.pauseAt?.('accesslog-import-stats-written');
      await trx
        .insertInto('accesslog_imports')
        .values({
          file_sha256: await digest,
          file_name: report.file,
          lines_read: report.linesRead,
          lines_skipped: report.linesSkipped,
          entries_kept: report.entriesKept,
          first_at: report.firstAt,
          last_at: report.lastAt,
          imported_at: options.now,
        })
        .execute();
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AlreadyImportedError(report.file);
    throw err;
  }
  return report;
}
