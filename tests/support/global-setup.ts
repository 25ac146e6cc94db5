import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureTemplate } from './template-db.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Prepares what the database projects share: the PGlite template, and a reachable PostgreSQL. */
export default async function setup(project: TestProject): Promise<void> {
  const names = new Set(project.vitest.projects.map((p) => p.name));
  if (names.has('pglite') || names.has('browser')) await ensureTemplate();
  if (names.has('postgres')) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (err) {
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(err as Error).message}). ` +
          'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or run `npx vitest --project unit --project pglite`.',
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
}
