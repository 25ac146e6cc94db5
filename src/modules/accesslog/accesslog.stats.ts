import type { StatsDimension } from './accesslog.tables.ts';
import { referrerHost, statsPath } from './accesslog.normalise.ts';

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

/**
 * Counts requests and bytes per day along each dimension. It sees no IP and no user agent, so
 * what it produces cannot describe a visitor (C08). Import and the live job share it.
 */
export class StatsAccumulator {
  // day -> "dimension\u0000key" -> [requests, bytes]
  readonly #days = new Map<string, Map<string, [number, number]>>();

  add(input: StatsInput): void {
    const { day, hour } = berlinDayHour(input.occurredAt);
    let counts = this.#days.get(day);
    if (!counts) {
      counts = new Map();
      this.#days.set(day, counts);
    }
    const bump = (dimension: StatsDimension, key: string) => {
      const id = `${dimension}\u0000${key}`;
      const c = counts.get(id);
      if (c) {
        c[0] += 1;
        c[1] += input.bytes;
      } else counts.set(id, [1, input.bytes]);
    };
    bump('total', '');
    bump('page', statsPath(input.path));
    bump('status', String(input.status));
    bump('referrer_host', referrerHost(input.referrer));
    bump('browser', input.browser ?? '(unbekannt)');
    bump('os', input.os ?? '(unbekannt)');
    bump('hour', hour);
  }

  merge(other: StatsAccumulator): void {
    for (const row of other.rows()) {
      let counts = this.#days.get(row.day);
      if (!counts) {
        counts = new Map();
        this.#days.set(row.day, counts);
      }
      const id = `${row.dimension}\u0000${row.key}`;
      const c = counts.get(id);
      if (c) {
        c[0] += row.requests;
        c[1] += row.bytes;
      } else counts.set(id, [row.requests, row.bytes]);
    }
  }

  get size(): number {
    let n = 0;
    for (const counts of this.#days.values()) n += counts.size;
    return n;
  }

  *rows(): Generator<StatsRow> {
    for (const [day, counts] of this.#days) {
      for (const [id, [requests, bytes]] of counts) {
        const sep = id.indexOf('\u0000');
        yield { day, dimension: id.slice(0, sep) as StatsDimension, key: id.slice(sep + 1), requests, bytes };
      }
    }
  }
}
