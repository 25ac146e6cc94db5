import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropSchemas, TEST_DATABASE_URL, withAdminClient } from './postgres.ts';
import { ensureTemplate } from './template-db.ts';

/**
 * Prepares what the files share: the PGlite template; on PostgreSQL, a schema prefix of
 * this run. Every schema a test creates starts with it, and the teardown drops what is left when
 * all files have finished (a file that crashed or timed out leaves its schemas behind).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Runs once, for the root project; what it provides reaches every project's files.
  const names = new Set(project.vitest.projects.map((p) => p.name));
  if (names.has('pglite') || names.has('browser')) await ensureTemplate();
  if (!names.has('postgres')) return undefined;
  try {
    await withAdminClient((client) => client.query('select 1'));
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(err as Error).message}). ` +
        'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or run `npx vitest --project unit --project pglite`.',
    );
  }
  const prefix = `t${randomBytes(4).toString('hex')}_`;
  project.provide('testSchemaPrefix', prefix);
  return () => dropSchemas(prefix);
}
