// Access-log entries in PostgreSQL's binary COPY format, for the embedded engine. Built by the
// import's worker threads and handed over as a transferable buffer, so the thread that owns the
// database only passes bytes on: no array literal, no timestamp text for the engine to parse
// (those were most of a row's cost in the unnest() insert, see docs/perf/accesslog-import.md).
// Loaded by worker threads through Node's type stripping: erasable TypeScript only.

/** The columns, in the order every row carries them. */
export const ENTRY_COPY_COLUMNS = [
  'occurred_at',
  'client_ip',
  'method',
  'path',
  'referrer',
  'status',
  'bytes_sent',
  'browser',
  'os',
  'source',
  'aggregated',
] as const;

/** The statement that reads such a buffer (PGlite: the buffer as the query's blob). */
export const ENTRY_COPY_SQL = `copy accesslog_entries (${ENTRY_COPY_COLUMNS.join(', ')}) from '/dev/blob' with (format binary)`;

/** One row to write; occurredAt in epoch milliseconds (the import's workers) or as a Date (the live log). */
export interface CopyEntry {
  occurredAt: number | Date;
  clientIp: string;
  method: string;
  path: string;
  referrer: string | null;
  status: number;
  bytesSent: number;
  browser: string | null;
  os: string | null;
}

// "PGCOPY\n\377\r\n\0", then flags and header extension length (both 0).
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
/** timestamptz travels as microseconds since 2000-01-01 UTC. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 4_294_967_296;
const encoder = new TextEncoder();

/** Builds one binary COPY buffer of entries; `finish()` returns it ready for COPY. */
export class EntryCopyBuffer {
  #bytes: Uint8Array;
  #view: DataView;
  #at = 0;
  #rows = 0;
  readonly #source: 'live' | 'import';
  readonly #aggregated: boolean;

  constructor(source: 'live' | 'import', aggregated: boolean, initialBytes = 1 << 20) {
    this.#source = source;
    this.#aggregated = aggregated;
    this.#bytes = new Uint8Array(initialBytes);
    this.#view = new DataView(this.#bytes.buffer);
    this.#bytes.set(SIGNATURE, 0);
    this.#at = SIGNATURE.length;
    this.#int32(0);
    this.#int32(0);
  }

  get rows(): number {
    return this.#rows;
  }

  add(e: CopyEntry): void {
    this.#room(2 + 4 + 8 + 4 + 2 + 4 + 8 + 4 + 1);
    this.#int16(ENTRY_COPY_COLUMNS.length);
    const at = typeof e.occurredAt === 'number' ? e.occurredAt : e.occurredAt.getTime();
    this.#int64Field((at - PG_EPOCH_MS) * 1000);
    this.#text(e.clientIp);
    this.#text(e.method);
    this.#text(e.path);
    this.#text(e.referrer);
    this.#room(4 + 2 + 4 + 8);
    this.#int32(2);
    this.#int16(e.status);
    this.#int64Field(e.bytesSent);
    this.#text(e.browser);
    this.#text(e.os);
    this.#text(this.#source);
    this.#room(4 + 1);
    this.#int32(1);
    this.#bytes[this.#at++] = this.#aggregated ? 1 : 0;
    this.#rows += 1;
  }

  /** The finished buffer (with the trailer), trimmed to its length: transferable to another thread. */
  finish(): ArrayBuffer {
    this.#room(2);
    this.#int16(-1);
    return this.#bytes.buffer.slice(0, this.#at) as ArrayBuffer;
  }

  #room(n: number): void {
    if (this.#at + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#at + n));
    grown.set(this.#bytes.subarray(0, this.#at));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  #int16(v: number): void {
    this.#view.setInt16(this.#at, v);
    this.#at += 2;
  }

  #int32(v: number): void {
    this.#view.setInt32(this.#at, v);
    this.#at += 4;
  }

  /** An int8/timestamptz field: length 8, then the integer as two halves (no BigInt per row). */
  #int64Field(v: number): void {
    const high = Math.floor(v / TWO_32);
    this.#int32(8);
    this.#view.setInt32(this.#at, high);
    this.#view.setUint32(this.#at + 4, v - high * TWO_32);
    this.#at += 8;
  }

  /** A text field as UTF-8, or -1 for null. */
  #text(s: string | null): void {
    if (s === null) {
      this.#room(4);
      this.#int32(-1);
      return;
    }
    this.#room(4 + s.length * 3);
    const { written } = encoder.encodeInto(s, this.#bytes.subarray(this.#at + 4));
    this.#view.setInt32(this.#at, written);
    this.#at += 4 + written;
  }
}
