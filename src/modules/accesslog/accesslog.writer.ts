import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { type CopyTarget, insertEntries, type NewEntry } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

export interface AccessLogWriterOptions {
  db: Kysely<AccesslogTables>;
  log: Logger;
  flushIntervalMs: number;
  batchSize: number;
  /** Upper bound of entries held while the database is unreachable; beyond it the oldest go. */
  maxBuffered?: number;
  /** The embedded engine, when it is the one in use: batches go in through COPY there. */
  embedded?: CopyTarget | undefined;
}

/**
 * Collects entries in memory and writes them in batches, off the request path. A failed write
 * keeps its entries for the next attempt; close() writes whatever is left.
 */
export class AccessLogWriter {
  readonly #opts: Required<Omit<AccessLogWriterOptions, 'embedded'>> & Pick<AccessLogWriterOptions, 'embedded'>;
  #buffer: NewEntry[] = [];
  #flushing: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #dropped = 0;

  constructor(options: AccessLogWriterOptions) {
    this.#opts = { maxBuffered: 200_000, ...options };
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
    if (this.#buffer.length >= this.#opts.batchSize) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.flush();
      }, this.#opts.flushIntervalMs);
      this.#timer.unref();
    }
  }

  /** Writes everything buffered so far; concurrent calls share one write at a time. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    this.#flushing = (async () => {
      try {
        await insertEntries(this.#opts.db, batch, this.#opts.embedded);
        if (this.#dropped > 0) {
          this.#opts.log.warn({ dropped: this.#dropped }, 'access log entries dropped while the database was unreachable');
          this.#dropped = 0;
        }
      } catch (err) {
        this.#opts.log.error({ err, entries: batch.length }, 'access log write failed; will retry');
        this.#buffer = batch.concat(this.#buffer);
        if (!this.#timer) {
          this.#timer = setTimeout(() => {
            this.#timer = null;
            void this.flush();
          }, this.#opts.flushIntervalMs);
          this.#timer.unref();
        }
        throw err;
      } finally {
        this.#flushing = null;
      }
    })();
    await this.#flushing.catch(() => {});
  }

  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush();
    if (this.#buffer.length > 0) await this.flush();
  }
}
