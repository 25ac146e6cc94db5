import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { CoreTables } from './core.tables.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { introspectCurrentSchemaOnly } from './introspector.ts';
import { preparingPool } from './prepared-statements.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres:// URL; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in RAM. */
  dataDir?: string | undefined;
  /** Schema to use on PostgreSQL (tests give every run its own). */
  schema?: string | undefined;
  poolSize?: number | undefined;
}

export interface Database {
  kind: DatabaseKind;
  db: Kysely<CoreTables>;
  /** The schema on PostgreSQL when not the default one. */
  schema?: string;
  /** The embedded engine, when it is the one in use. */
  pglite?: PGlite;
  /** Plain SQL with positional parameters, for libraries that bring their own SQL (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

// The same JavaScript types on both engines: int8 counts as numbers (they stay far below 2^53),
// dates as 'YYYY-MM-DD' strings (a Date would shift with the process time zone).
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string) => Number(v);
const parseDate = (v: string) => v;
pg.types.setTypeParser(INT8, parseInt8);
pg.types.setTypeParser(DATE, parseDate);

export async function openPGlite(dataDir: string): Promise<PGlite> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const pglite = new PGlite(dataDir, {
      parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: parseDate },
    });
    await pglite.waitReady;
    const close = pglite.close.bind(pglite);
    pglite.close = async () => {
      try {
        await close();
      } finally {
        unlock();
      }
    };
    return pglite;
  } catch (err) {
    unlock();
    throw err;
  }
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return createPostgres(options.url, options);
  const dataDir = options.dataDir ?? 'memory://';
  const pglite = await openPGlite(dataDir.startsWith('memory://') ? dataDir : path.join(dataDir, 'db'));
  return fromPGlite(pglite);
}

export function fromPGlite(pglite: PGlite): Database {
  const db = new Kysely<CoreTables>({ dialect: introspectCurrentSchemaOnly(new PGliteDialect({ pglite })) });
  return {
    kind: 'pglite',
    db,
    pglite,
    // Through Kysely, so these queries queue behind Kysely's transactions on the single connection.
    executeSql: async (text, values = []) => {
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
    close: () => db.destroy(),
  };
}

function createPostgres(url: string, options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out one: a client inside a transaction, between two of its queries, has
  // no query to hand the error to, and node-postgres emits it on the client, where nothing else
  // listens (the process would end on PostgreSQL's restart). Its next query fails instead (a
  // 503, see unavailable.ts), and the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  // Kysely's statements go by name, planned once per connection (prepared-statements.ts).
  const db = new Kysely<CoreTables>({ dialect: introspectCurrentSchemaOnly(new PostgresDialect({ pool: preparingPool(pool) })) });
  return {
    kind: 'postgres',
    db,
    ...(options.schema ? { schema: options.schema } : {}),
    executeSql: async (text, values = []) => {
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
    close: () => db.destroy(),
  };
}
