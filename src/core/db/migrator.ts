import { type Migration as KyselyMigration, type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Migration, ModuleDefinition } from '../module.ts';
import type { Database } from './database.ts';
import { coreMigrations } from './migrations/index.ts';

const NAME = /^\d{8}T\d{4}_[a-z0-9]+_[a-z0-9_]+$/;

/** Core and module migrations merged into one timeline, ordered by their timestamp prefix. */
export function collectMigrations(modules: readonly ModuleDefinition[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...coreMigrations };
  for (const mod of modules) {
    for (const [name, migration] of Object.entries(mod.migrations ?? {})) {
      if (!NAME.test(name)) throw new Error(`Migration name "${name}" must look like YYYYMMDDTHHMM_<module>_<verb_noun>`);
      if (all[name]) throw new Error(`Migration "${name}" is defined twice`);
      all[name] = migration;
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}

export async function migrateToLatest(database: Database, modules: readonly ModuleDefinition[]): Promise<MigrationResultSet> {
  const migrations = collectMigrations(modules);
  const migrator = new Migrator({
    db: database.db,
    // Named explicitly: Kysely looks for its tables in every schema, and another schema's
    // migration table must not count as ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
    provider: { getMigrations: async () => migrations as unknown as Record<string, KyselyMigration> },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Modules are built side by side: a module's migration may carry an earlier timestamp than
    // another module's that an installation already ran. Each migration touches only its own
    // module's tables, so running the missing one late is safe; refusing would strand the
    // installation.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
