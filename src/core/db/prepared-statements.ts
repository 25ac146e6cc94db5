import type { PostgresPool } from 'kysely';
import type pg from 'pg';

/**
 * Statements PostgreSQL keeps planned per connection, by name. Planning the portal overview's
 * one statement (six JSON sub-selects) took longer than running it (1.9 ms against 1.5 ms), and
 * the same statement prepared once per connection ran 2.7 times as often per second in pgbench
 * (`-M prepared` against `-M simple`). Kysely's dialect sends every statement unnamed, so
 * PostgreSQL parses and plans it afresh each time: this names them.
 */

/** Distinct statements named per process; beyond, the rest go unnamed (each name costs memory in every connection). */
export const MAX_NAMED_STATEMENTS = 2_000;

/** Plain data statements only: DDL, transaction control and several statements in one text cannot be prepared. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** PostgreSQL's refusal to run a statement prepared before its tables' columns changed (an upgrade's migration). */
function isStalePlan(err: unknown): boolean {
  return (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

export class StatementNames {
  /** Each named text's name; null once its plan went stale: from then on sent unnamed, planned each time. */
  readonly #names = new Map<string, string | null>();

  nameOf(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined) {
      if (this.#names.size >= MAX_NAMED_STATEMENTS || !PREPARABLE.test(text) || text.includes(';')) return undefined;
      name = `k${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name ?? undefined;
  }

  /** A stale plan fails this one request (its transaction is aborted anyway); the next runs unnamed. */
  forget(text: string): void {
    this.#names.set(text, null);
  }

  get size(): number {
    return this.#names.size;
  }
}

type QueryFn = pg.PoolClient['query'];

/**
 * A pool for Kysely's PostgresDialect whose clients send data statements by name: prepared on a
 * connection's first use, then bound and executed only. Everything else (cursors, config
 * objects, other statements) passes through unchanged.
 */
export function preparingPool(pool: pg.Pool, names = new StatementNames()): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    let proxy = wrapped.get(client);
    if (proxy) return proxy;
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
    proxy = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return ((first: unknown, values?: unknown[]) => {
          const name = typeof first === 'string' ? names.nameOf(first) : undefined;
          if (name === undefined) return values === undefined ? query(first) : query(first, values);
          const text = first as string;
          return query({ name, text, values }).catch((err: unknown) => {
            if (isStalePlan(err)) names.forget(text);
            throw err;
          });
        }) as QueryFn;
      },
    });
    wrapped.set(client, proxy);
    return proxy;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
    // What Kysely needs to cancel a query on a connection of its own.
    Client: (pool as unknown as { Client: PostgresPool['Client'] }).Client,
    options: pool.options,
  };
}
