import { referrerHost, statsPath } from './accesslog.normalise.ts';
import type { StatsDimension } from './accesslog.tables.ts';

/** One request as statistics see it. */
export interface StatsInput {
  occurredAt: number;
  path: string;
  referrer: string | null;
  status: number;
  bytes: number;
  browser: string | null;
  os: string | null;
}

export interface StatsRow {
  day: string;
  dimension: StatsDimension;
  key: string;
  requests: number;
  bytes: number;
}

const HOUR_MS = 3_600_000;
const berlinParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});
const bucketCache = new Map<number, { day: string; hour: string }>();

/**
 * Day and hour in Europe/Berlin. The Berlin offset is a whole number of hours, so every instant
 * of one UTC hour shares its local hour: one Intl call per hour instead of per line.
 */
export function berlinDayHour(ms: number): { day: string; hour: string } {
  const bucket = Math.floor(ms / HOUR_MS);
  let hit = bucketCache.get(bucket);
  if (!hit) {
    const p = Object.fromEntries(berlinParts.formatToParts(new Date(bucket * HOUR_MS)).map((x) => [x.type, x.value]));
    hit = { day: `${p.year}-${p.month}-${p.day}`, hour: p.hour as string };
    if (bucketCache.size > 100_000) bucketCache.clear();
    bucketCache.set(bucket, hit);
  }
  return hit;
}

/** Memoises a string function; a site has few distinct paths and referrers, a log has millions of lines. */
function memo(fn: (s: string) => string, limit = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let hit = cache.get(s);
    if (hit === undefined) {
      hit = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, hit);
    }
    return hit;
  };
}
const cachedStatsPath = memo(statsPath);
const cachedReferrerHost = memo((r) => referrerHost(r === '' ? null : r));

const DIMENSIONS: readonly StatsDimension[] = ['total', 'page', 'status', 'referrer_host', 'browser', 'os', 'hour'];
type Counter = { requests: number; bytes: number };
type DayCounts = Map<string, Counter>[]; // one map per dimension, in DIMENSIONS order

/**
 * Counts requests and bytes per day along each dimension. It sees no IP and no user agent, so
 * what it produces cannot describe a visitor (C08). Import and the live job share it.
 */
export class StatsAccumulator {
  readonly #days = new Map<string, DayCounts>();

  #day(day: string): DayCounts {
    let counts = this.#days.get(day);
    if (!counts) {
      counts = DIMENSIONS.map(() => new Map());
      this.#days.set(day, counts);
    }
    return counts;
  }

  #bump(counts: DayCounts, dimension: number, key: string, requests: number, bytes: number): void {
    const map = counts[dimension] as Map<string, Counter>;
    const c = map.get(key);
    if (c) {
      c.requests += requests;
      c.bytes += bytes;
    } else map.set(key, { requests, bytes });
  }

  add(input: StatsInput): void {
    const { day, hour } = berlinDayHour(input.occurredAt);
    const counts = this.#day(day);
    const b = input.bytes;
    this.#bump(counts, 0, '', 1, b);
    this.#bump(counts, 1, cachedStatsPath(input.path), 1, b);
    this.#bump(counts, 2, String(input.status), 1, b);
    this.#bump(counts, 3, cachedReferrerHost(input.referrer ?? ''), 1, b);
    this.#bump(counts, 4, input.browser ?? '(unbekannt)', 1, b);
    this.#bump(counts, 5, input.os ?? '(unbekannt)', 1, b);
    this.#bump(counts, 6, hour, 1, b);
  }

  merge(other: StatsAccumulator): void {
    this.addRows(other.rows());
  }

  /** Adds counted rows, e.g. what a worker thread counted. */
  addRows(rows: Iterable<StatsRow>): void {
    for (const row of rows) this.#bump(this.#day(row.day), DIMENSIONS.indexOf(row.dimension), row.key, row.requests, row.bytes);
  }

  get size(): number {
    let n = 0;
    for (const counts of this.#days.values()) for (const m of counts) n += m.size;
    return n;
  }

  *rows(): Generator<StatsRow> {
    for (const [day, counts] of this.#days) {
      for (let d = 0; d < DIMENSIONS.length; d++) {
        for (const [key, c] of counts[d] as Map<string, Counter>) {
          yield { day, dimension: DIMENSIONS[d] as StatsDimension, key, requests: c.requests, bytes: c.bytes };
        }
      }
    }
  }
}
