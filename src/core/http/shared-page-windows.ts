import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { PageCounter } from './rate-limit-store.ts';

interface Window {
  /** Hits of every instance as the shared table held them at this instance's last write. */
  shared: number;
  /** This instance's hits since that write. */
  pending: number;
  start: number;
  timeWindow: number;
}

/**
 * The page limit on PostgreSQL, shared by every web instance without a write per request
 * (decision 022): each instance counts in memory and adds what it counted to `rate_limit_hits`
 * in one statement for all addresses, at most once per `everyMs`; the statement returns each
 * address's total, which the instance counts on from. The write is made by the first request
 * after `everyMs` has passed (it waits for it; the others meanwhile count on in memory), so
 * nothing runs between requests and a test steps it with the clock.
 *
 * What may pass over the limit: what other instances let through since their last write, at most
 * `everyMs` of their traffic, and never more than the limit per instance and window (an
 * instance stops at the limit by its own count). Hits of an instance that falls silent are
 * written on its next request or at shutdown.
 */
export class SharedPageWindows implements PageCounter {
  readonly #windows = new Map<string, Window>();
  #writtenAt = Number.NEGATIVE_INFINITY;
  #writing: Promise<void> | null = null;

  constructor(
    // biome-ignore lint: plain SQL on the auth module's table, whatever tables the caller's Kysely knows
    private readonly db: Kysely<any>,
    private readonly clock: Clock,
    private readonly everyMs = 1000,
  ) {}

  count(key: string, timeWindow: number): { current: number; ttl: number } | Promise<{ current: number; ttl: number }> {
    const now = this.clock.now().getTime();
    let window = this.#windows.get(key);
    if (!window || window.start + timeWindow <= now) {
      // A new window: hits not yet written belonged to the one that ended.
      window = { shared: 0, pending: 0, start: now, timeWindow };
      this.#windows.set(key, window);
    }
    window.pending += 1;
    const result = () => {
      const w = this.#windows.get(key) ?? window;
      return { current: w.shared + w.pending, ttl: Math.max(w.start + timeWindow - now, 0) };
    };
    if (now - this.#writtenAt < this.everyMs || this.#writing) return result();
    this.#writtenAt = now;
    return this.#write(now).then(result);
  }

  async close(): Promise<void> {
    await this.#writing;
    await this.#write(this.clock.now().getTime());
  }

  /** Adds every address's pending hits to the shared table and takes back the totals. */
  #write(now: number): Promise<void> {
    const taken: [string, Window, number][] = [];
    for (const [key, window] of this.#windows) {
      if (window.pending > 0) taken.push([key, window, window.pending]);
      // Ended windows with nothing to write go, so the map holds only the last minutes' addresses.
      else if (window.start + window.timeWindow <= now) this.#windows.delete(key);
    }
    if (taken.length === 0) return Promise.resolve();
    for (const [, window] of taken) window.pending = 0;
    const writing = this.#upsert(taken, now).then(
      (rows) => {
        for (const row of rows) {
          const window = this.#windows.get(row.key.slice(2));
          if (!window) continue;
          window.shared = Number(row.hits);
          window.start = new Date(row.window_start).getTime();
        }
      },
      (error: unknown) => {
        // Not lost: written with the next batch (the request sees the error, and the limit
        // plugin serves it: skipOnError).
        for (const [, window, hits] of taken) window.pending += hits;
        throw error;
      },
    );
    this.#writing = writing.finally(() => {
      this.#writing = null;
    });
    this.#writing.catch(() => {});
    return writing;
  }

  async #upsert(taken: [string, Window, number][], now: number) {
    // One window length for the batch: every page hit has the global limit's.
    const timeWindow = taken[0]?.[1].timeWindow ?? 60_000;
    const { rows } = await sql<{ key: string; hits: number; window_start: Date }>`
      insert into rate_limit_hits (key, window_start, hits)
      select k, ${new Date(now).toISOString()}::timestamptz, h
      from unnest(${taken.map(([key]) => `*|${key}`)}::text[], ${taken.map(([, , hits]) => hits)}::int[]) as t(k, h)
      on conflict (key) do update set
        hits = case when rate_limit_hits.window_start + ${timeWindow} * interval '1 millisecond' <= excluded.window_start
               then excluded.hits else rate_limit_hits.hits + excluded.hits end,
        window_start = case when rate_limit_hits.window_start + ${timeWindow} * interval '1 millisecond' <= excluded.window_start
               then excluded.window_start else rate_limit_hits.window_start end
      returning key, hits, window_start`.execute(this.db);
    return rows;
  }
}
