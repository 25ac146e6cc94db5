import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { RouteMatcher } from './accesslog.anonymity.ts';
import { type EmbeddedEngine, type NewEntry, writeLiveEntries } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

/**
 * Entries per write on the embedded engine. PGlite runs inside this process and holds the event
 * loop for the whole of a statement, and a statement has a fixed cost besides its rows. CPU time
 * per entry and of the longest write (`npm run bench -- log-writer`, binary COPY, idle 2-core
 * machine): 100 → 7.8 µs, 9 ms; 250 → 5.5 µs, 7 ms; 500 → 5.0 µs, 12 ms; 5,000 → 3.7 µs, 23 ms.
 * Before, a flush wrote everything buffered in one statement of up to 5,000 rows.
 */
export const EMBEDDED_ENTRIES_PER_WRITE = 250;
/** On PostgreSQL the server does the work in its own process: larger statements, fewer trips. */
const SERVER_ENTRIES_PER_WRITE = 5_000;

export interface AccessLogWriterOptions {
  db: Kysely<AccesslogTables>;
  log: Logger;
  flushIntervalMs: number;
  /** Buffered entries that start a write before the interval is up. */
  batchSize: number;
  /** Upper bound of entries held while the database is unreachable; beyond it the oldest go. */
  maxBuffered?: number;
  /** The embedded engine, when it is the one in use: batches go in through COPY there. */
  embedded?: EmbeddedEngine | undefined;
  /** Entries per statement (default: 250 on the embedded engine, 5,000 on PostgreSQL). */
  entriesPerWrite?: number;
}

/**
 * Collects entries in memory and writes them off the request path, in transactions of at most
 * `entriesPerWrite` entries with a turn of the event loop between two of them, so requests that
 * arrived meanwhile are served before the next part is written. Each transaction also adds its
 * entries to the daily statistics, so they are stored as counted. One write loop at a time
 * drains the buffer; a failed write keeps its entries for the next attempt; close() writes
 * what is left.
 */
export class AccessLogWriter {
  readonly #opts: Required<Omit<AccessLogWriterOptions, 'embedded'>> & Pick<AccessLogWriterOptions, 'embedded'>;
  #buffer: NewEntry[] = [];
  #draining: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #dropped = 0;
  #routes: RouteMatcher | undefined;

  constructor(options: AccessLogWriterOptions) {
    this.#opts = {
      maxBuffered: 200_000,
      entriesPerWrite: options.embedded ? EMBEDDED_ENTRIES_PER_WRITE : SERVER_ENTRIES_PER_WRITE,
      ...options,
    };
  }

  /**
   * The page routes the statistics may name (C08), once the server knows them all; until then
   * each write reads them from the table.
   */
  useRoutes(routes: RouteMatcher): void {
    this.#routes = routes;
  }

  get pending(): number {
    return this.#buffer.length;
  }

  record(entry: NewEntry): void {
    this.#buffer.push(entry);
    if (this.#buffer.length > this.#opts.maxBuffered) {
      this.#buffer.shift();
      this.#dropped += 1;
    }
    // A write loop already running takes this entry too: no second loop, no waiting promise per request.
    if (this.#draining) return;
    if (this.#buffer.length >= this.#opts.batchSize) this.#drain();
    else this.#retryLater();
  }

  /** Writes everything buffered so far (never rejects; a failure is logged and retried later). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
    if (this.#buffer.length === 0) return;
    await this.#drain(true);
  }

  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush();
    if (this.#buffer.length > 0) await this.flush();
  }

  /** Starts the write loop unless it runs; `everything`: down to the last entry, else to below a batch. */
  #drain(everything = false): Promise<void> {
    this.#draining ??= this.#writeAll(everything).finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #writeAll(everything: boolean): Promise<void> {
    const size = this.#opts.entriesPerWrite;
    let first = true;
    while (this.#buffer.length > 0 && (first || everything || this.#buffer.length >= this.#opts.batchSize)) {
      first = false;
      const batch = this.#buffer;
      this.#buffer = [];
      for (let offset = 0; offset < batch.length; offset += size) {
        // Not before the first part: a flush() awaited by a caller writes at once.
        if (offset > 0) await nextTurn();
        try {
          await writeLiveEntries(this.#opts.db, batch.slice(offset, offset + size), {
            embedded: this.#opts.embedded,
            routes: this.#routes,
          });
        } catch (err) {
          const unwritten = batch.slice(offset);
          this.#opts.log.error({ err, entries: unwritten.length }, 'access log write failed; will retry');
          this.#buffer = unwritten.concat(this.#buffer);
          this.#retryLater();
          return;
        }
      }
      if (this.#dropped > 0) {
        this.#opts.log.warn({ dropped: this.#dropped }, 'access log entries dropped while the database was unreachable');
        this.#dropped = 0;
      }
      // A full batch that arrived meanwhile goes in the same loop, after a turn; a smaller rest waits
      // for the interval (many small statements would cost more per entry).
      if (this.#buffer.length > 0) await nextTurn();
    }
    if (this.#buffer.length > 0) this.#retryLater();
  }

  #retryLater(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#drain();
    }, this.#opts.flushIntervalMs);
    this.#timer.unref();
  }
}
