import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromPGlite, openPGlite } from '../../src/core/db/database.ts';
import { collectMigrations, migrateToLatest } from '../../src/core/db/migrator.ts';
import { modules } from '../../src/modules.ts';

const root = path.resolve(import.meta.dirname, '../..');

function migrationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === 'node_modules') continue;
    if (statSync(full).isDirectory()) out.push(...migrationFiles(full));
    else if (full.includes(`${path.sep}migrations${path.sep}`) && full.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

/**
 * The template's name changes whenever the set of registered migrations or a migration's source
 * changes (a migration file of a module not yet registered must not count).
 */
export function templateDir(): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(Object.keys(collectMigrations(modules))));
  for (const file of migrationFiles(path.join(root, 'src'))) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return path.join(os.tmpdir(), `stadtwerk-pglite-template-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * A migrated PGlite data folder, built once and copied by every test file: opening a copy takes
 * about half a second, creating and migrating a fresh one several seconds.
 */
export async function ensureTemplate(): Promise<string> {
  const dir = templateDir();
  if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const database = fromPGlite(await openPGlite(building));
  await migrateToLatest(database, modules);
  await database.close();
  try {
    renameSync(building, dir);
  } catch {
    // another process finished first; its template is as good as ours
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
