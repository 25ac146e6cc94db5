import { sql } from 'kysely';
import type { Config } from '../config/index.ts';
import type { ModuleDefinition } from '../module.ts';
import { assertRegisterMatchesSchema, ensureStatementVersion, type PrivacyTables } from '../privacy/index.ts';
import { createDatabase, type Database } from './database.ts';
import { migrateToLatest } from './migrator.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config, modules: readonly ModuleDefinition[]): Promise<Database> {
  const database = await createDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, schema: config.DATABASE_SCHEMA });
  try {
    if (database.schema) await sql`create schema if not exists ${sql.id(database.schema)}`.execute(database.db);
    await migrateToLatest(database, modules);
    await assertRegisterMatchesSchema(database, modules, config);
    await ensureStatementVersion(database.db.withTables<PrivacyTables>(), config, modules, new Date());
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
