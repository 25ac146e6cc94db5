import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.ts';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * What @fastify/rate-limit passes to `child` at run time: the merged limits and, under
 * `routeInfo`, the route they guard (its type declaration names the route options instead).
 */
interface RouteLimit {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * Counts the rate limits in the database, so every web instance on it shares one count per
 * limit and client address (an in-memory store lets N instances allow N times the limit).
 * A fixed window that begins at a key's first hit, like the library's own store.
 *
 * The small limits of single routes (forms, sign-in, SMS, votes) are exact: one statement per
 * request, which takes the row's lock, so parallel requests are counted one after another.
 * The generous page limit, which every request pays, is counted by `pageCounter`: in memory on
 * the embedded database (one process, its data folder is locked), and on PostgreSQL in memory
 * too but written to the shared table in one statement per instance and second
 * (`SharedPageWindows`, decision 022). Rows are deleted by the retention rule
 * `auth.rate-limits/counters`.
 */
// biome-ignore lint: the store runs plain SQL on a table of the auth module, whatever tables the caller's Kysely knows
export function databaseRateLimitStore(db: Kysely<any>, clock: Clock, options: { pageCounter: PageCounter }) {
  const pageCounts = options.pageCounter;
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #scope: string;

    constructor(_globalParams?: unknown, scope = '*') {
      this.#scope = scope;
    }

    incr(key: string, done: Counted, timeWindow: number): void {
      if (this.#scope === '*') {
        const counted = pageCounts.count(key, timeWindow);
        if ('then' in counted) counted.then((result) => done(null, result), done);
        else done(null, counted);
        return;
      }
      this.#count(key, timeWindow).then(
        (result) => done(null, result),
        (error: Error) => done(error),
      );
    }

    async #count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const now = clock.now();
      const { rows } = await sql<{ hits: number; window_start: Date }>`
        insert into rate_limit_hits (key, window_start, hits) values (${`${this.#scope}|${key}`}, ${now.toISOString()}::timestamptz, 1)
        on conflict (key) do update set
          hits = case when rate_limit_hits.window_start + ${timeWindow} * interval '1 millisecond' <= excluded.window_start
                 then 1 else rate_limit_hits.hits + 1 end,
          window_start = case when rate_limit_hits.window_start + ${timeWindow} * interval '1 millisecond' <= excluded.window_start
                 then excluded.window_start else rate_limit_hits.window_start end
        returning hits, window_start`.execute(db);
      const row = rows[0];
      if (!row) throw new Error('rate_limit_hits: the upsert returned no row');
      const ttl = new Date(row.window_start).getTime() + timeWindow - now.getTime();
      return { current: Number(row.hits), ttl: Math.max(ttl, 0) };
    }

    /** Each route with limits of its own counts apart from the others and from the global limit. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): DatabaseRateLimitStore {
      const { method, url } = (routeOptions as unknown as RouteLimit).routeInfo ?? {};
      const methods = Array.isArray(method) ? method.join(',') : (method ?? '');
      return new DatabaseRateLimitStore(undefined, `${methods} ${url ?? ''}`.trim() || '*');
    }
  };
}

type Count = { current: number; ttl: number };

/** Counts the page limit: at once from memory, or after a write to the shared table. */
export interface PageCounter {
  count(key: string, timeWindow: number): Count | Promise<Count>;
  /** Writes what is counted but not yet shared (on shutdown). */
  close(): Promise<void>;
}

/**
 * Fixed windows in memory, beginning at a key's first hit, as the database counts them.
 * Not @fastify/rate-limit's own LocalStore (11.x): the package does not export it (only a deep
 * path into its files, without types); it reads Date.now() instead of the app's clock, which
 * the tests move by hand; and it is an LRU of 5,000 keys, so a flood from more addresses than
 * that evicts counts and lets an evicted address start again at zero, where the database (and
 * this) keep every address until its window ends. The plugin also takes one store class for
 * the global and every route limit, so it could not be "no custom store for '*'" either.
 */
export class MemoryWindows implements PageCounter {
  readonly #windows = new Map<string, { hits: number; start: number }>();
  #sweptAt = 0;

  constructor(private readonly clock: Clock) {}

  count(key: string, timeWindow: number): { current: number; ttl: number } {
    const now = this.clock.now().getTime();
    this.#sweep(now, timeWindow);
    let window = this.#windows.get(key);
    if (!window || window.start + timeWindow <= now) {
      window = { hits: 0, start: now };
      this.#windows.set(key, window);
    }
    window.hits += 1;
    return { current: window.hits, ttl: window.start + timeWindow - now };
  }

  async close(): Promise<void> {}

  /** Ended windows go once per window length, so the map holds only the addresses of the last minutes. */
  #sweep(now: number, timeWindow: number): void {
    if (now - this.#sweptAt < timeWindow) return;
    this.#sweptAt = now;
    for (const [key, window] of this.#windows) if (window.start + timeWindow <= now) this.#windows.delete(key);
  }
}
