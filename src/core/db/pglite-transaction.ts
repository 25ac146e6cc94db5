import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';

/** Kysely on one open PGlite transaction: every query goes to that transaction. */
class TransactionDriver implements Driver {
  readonly #connection: DatabaseConnection;
  constructor(tx: Transaction) {
    this.#connection = {
      async executeQuery<R>(compiled: { sql: string; parameters: readonly unknown[] }): Promise<QueryResult<R>> {
        const result = await tx.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: 'object' });
        return {
          rows: result.rows,
          ...(result.affectedRows != null ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
        };
      },
      streamQuery() {
        throw new Error('streaming is not supported on PGlite');
      },
    };
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('already in a transaction');
  }
  async commitTransaction(): Promise<void> {
    throw new Error('the transaction commits when its function returns');
  }
  async rollbackTransaction(): Promise<void> {
    throw new Error('the transaction rolls back when its function throws');
  }
  async releaseConnection(): Promise<void> {}
  // The engine belongs to the caller: nothing to close here.
  async destroy(): Promise<void> {}
}

/**
 * Runs `work` in one transaction of the embedded engine and hands it both Kysely and the raw
 * transaction, for what Kysely cannot pass on (COPY from a blob). Commits when `work` returns,
 * rolls back when it throws. Other queries on the engine wait until then.
 */
export async function inPGliteTransaction<DB, T>(pglite: PGlite, work: (db: Kysely<DB>, tx: Transaction) => Promise<T>): Promise<T> {
  return pglite.transaction(async (tx) => {
    const db = new Kysely<DB>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new TransactionDriver(tx),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    return work(db, tx);
  });
}
