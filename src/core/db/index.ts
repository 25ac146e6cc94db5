/**
 * The public face of core/db: opening PGlite or PostgreSQL, migrating, the core table types.
 * Modules import from this file only (dependency rule `module-through-index`).
 */
export { BackupError, type BackupManifest, backup, restore } from './backup.ts';
export type { CoreTables } from './core.tables.ts';
export { DataDirInUseError } from './data-dir-lock.ts';
export { createDatabase, type Database, type DatabaseKind, type DatabaseOptions, fromPGlite, openPGlite } from './database.ts';
export { collectMigrations, migrateToLatest } from './migrator.ts';
export { openMigratedDatabase } from './open.ts';
export { inPGliteTransaction } from './pglite-transaction.ts';
export { queryTemplate } from './query-template.ts';
export { isDatabaseUnavailable } from './unavailable.ts';
