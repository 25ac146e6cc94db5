import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every PostgreSQL schema a test creates in this run starts with it (see testSchemaName). */
    testSchemaPrefix: string;
  }
}

/** Runs `work` on a connection of its own to the test PostgreSQL. */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the schemas whose names start with `prefix` (a run's, or a file's with its job schema). */
export async function dropSchemas(prefix: string): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ name: string }>('select nspname as name from pg_namespace where starts_with(nspname, $1)', [
      prefix,
    ]);
    // One statement each: one transaction would hold a lock on every table of every schema.
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
  });
}
