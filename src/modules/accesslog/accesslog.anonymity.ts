import { type Kysely, sql } from 'kysely';

/** The bucket for every path no route matches, every unknown referrer and every rare key. */
export const OTHER = '(andere)';

/**
 * Referring sites the statistics name; any other referrer counts as "other". A referring host
 * can be a person's own site or a private tool, so only widely used sites stand as themselves.
 */
export const KNOWN_REFERRERS = [
  'google.com',
  'google.de',
  'bing.com',
  'duckduckgo.com',
  'ecosia.org',
  'startpage.com',
  'qwant.com',
  'yahoo.com',
  'web.de',
  'gmx.net',
  't-online.de',
  'wikipedia.org',
  'facebook.com',
  'instagram.com',
  'linkedin.com',
  'xing.com',
  'youtube.com',
  'x.com',
  't.co',
  'whatsapp.com',
] as const;

/** A referring host as the statistics keep it: a known site (by its domain), direct, or "other". */
export function reduceReferrer(host: string): string {
  if (host.startsWith('(')) return host === '(direkt)' ? host : OTHER;
  const known = KNOWN_REFERRERS.find((k) => host === k || host.endsWith(`.${k}`));
  return known ?? OTHER;
}

/** Maps a path to the route pattern it matches (`/kontakt/anfragen/:id`), or to "other". */
export class RouteMatcher {
  readonly #exact = new Set<string>();
  readonly #patterns: { pattern: string; re: RegExp }[] = [];

  constructor(patterns: Iterable<string>) {
    for (const p of patterns) {
      if (!/[:*]/.test(p)) this.#exact.add(p);
      else {
        const source = p
          .split('/')
          .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/');
        this.#patterns.push({ pattern: p, re: new RegExp(`^${source}$`) });
      }
    }
    // the most specific first: more static segments before fewer
    this.#patterns.sort((a, b) => b.pattern.replace(/:[^/]+|\*/g, '').length - a.pattern.replace(/:[^/]+|\*/g, '').length);
  }

  get size(): number {
    return this.#exact.size + this.#patterns.length;
  }

  reduce(path: string): string {
    if (this.#exact.has(path)) return path;
    return this.#patterns.find((p) => p.re.test(path))?.pattern ?? OTHER;
  }
}

/** The page routes (GET) of a server's route table. */
export function pageRoutesOf(table: readonly { method: string; url: string }[]): string[] {
  return [...new Set(table.filter((r) => r.method === 'GET').map((r) => r.url))].sort();
}

// biome-ignore lint: any handle that knows the table
type AnyDb = Kysely<any>;

/** Stores the routes the web process serves, for every process that counts statistics. */
export async function saveKnownRoutes(db: AnyDb, patterns: readonly string[]): Promise<void> {
  if (patterns.length === 0) return;
  await sql`insert into accesslog_routes (pattern) select p from unnest(${[...patterns]}::text[]) as t(p) on conflict do nothing`.execute(
    db,
  );
}

export async function loadRouteMatcher(db: AnyDb): Promise<RouteMatcher> {
  const { rows } = await sql<{ pattern: string }>`select pattern from accesslog_routes`.execute(db);
  return new RouteMatcher(rows.map((r) => r.pattern));
}

/**
 * k-anonymity over a reporting period: a key counted fewer than `k` times in it is folded into
 * "other", so no figure describes one visitor's single visit. The sums stay the same.
 */
export function foldRare<T extends { key: string; requests: number; bytes: number }>(rows: readonly T[], k: number): T[] {
  const kept: T[] = [];
  let other: T | null = null;
  for (const r of rows) {
    if (r.requests >= k && r.key !== OTHER) kept.push(r);
    else if (other) {
      other.requests += r.requests;
      other.bytes += r.bytes;
    } else other = Object.assign({}, r, { key: OTHER });
  }
  if (other) kept.push(other);
  return kept;
}
