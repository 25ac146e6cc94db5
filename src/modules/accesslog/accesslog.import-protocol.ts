import type { StatsRow } from './accesslog.stats.ts';

/** What the import hands one worker: a byte range that starts and ends on a line boundary. */
export interface RangeJob {
  file: string;
  start: number;
  end: number;
  /** Lines at or after this instant (epoch ms) are kept as entries. */
  cutoff: number;
  /**
   * How kept entries travel: `copy` as one binary COPY buffer per batch, built here and
   * transferred without a copy (the embedded engine reads it as is); `columns` as column arrays
   * for the unnest() insert on PostgreSQL.
   */
  entries: 'copy' | 'columns';
}

/** Entries as column arrays: cheap to pass between threads and to hand to unnest(). */
export interface EntryColumns {
  occurredAt: string[];
  clientIp: string[];
  method: string[];
  path: string[];
  referrer: (string | null)[];
  status: number[];
  bytesSent: number[];
  browser: (string | null)[];
  os: (string | null)[];
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'entries'; columns: EntryColumns }
  | { type: 'entries-copy'; rows: number; copy: ArrayBuffer }
  | {
      type: 'done';
      lines: number;
      skipped: number;
      /** Line numbers within the worker's range. */
      skippedExamples: number[];
      first: number | null;
      last: number | null;
      stats: StatsRow[];
    };
