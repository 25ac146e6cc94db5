import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../config/index.ts';
import { lockDataDir } from './data-dir-lock.ts';

const run = promisify(execFile);

/** What a backup folder holds, written as `backup.json` beside the data. */
export interface BackupManifest {
  format: 1;
  kind: 'pglite' | 'postgres';
  createdAt: string;
  /** PostgreSQL: the schemas dumped (the application's and its job queue's), if not the default. */
  schemas?: string[];
  /** Whether uploaded files (UPLOAD_STORE=disk) were copied into `files/`. */
  files: boolean;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const MANIFEST = 'backup.json';

/**
 * The connection as libpq environment variables: a password never appears in a process list,
 * as it would in a URL on pg_dump's command line.
 */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function schemasOf(config: Config): string[] | undefined {
  return config.DATABASE_SCHEMA ? [config.DATABASE_SCHEMA, `${config.DATABASE_SCHEMA}_pgboss`] : undefined;
}

function assertEmptyTarget(target: string): void {
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupError(`${target} exists and is not empty: choose a new folder`);
  mkdirSync(target, { recursive: true });
}

/**
 * Uploaded files live outside the database only with the disk store; in the embedded
 * database's data folder they are copied with it.
 */
const separateFiles = (config: Config) =>
  config.UPLOAD_STORE === 'disk' &&
  existsSync(config.uploadDir) &&
  (config.DATABASE_URL !== undefined || !config.uploadDir.startsWith(`${config.dataDir}${path.sep}`));

function copyFiles(config: Config, target: string): boolean {
  if (!separateFiles(config)) return false;
  cpSync(config.uploadDir, path.join(target, 'files'), { recursive: true, filter: (p) => !p.includes(`${path.sep}.incoming`) });
  return true;
}

/**
 * Backs up the installation into a new folder `target`:
 * - PostgreSQL: `database.dump` (pg_dump, custom format, consistent while the instances keep
 *   serving) and, with the disk store, a copy of the uploaded files in `files/`;
 * - embedded database: a copy of the data folder in `data/` (database, files, generated key).
 *   PGlite serves one process, so the server must be stopped; the data folder's lock says so.
 */
export async function backup(config: Config, target: string): Promise<BackupManifest> {
  assertEmptyTarget(target);
  const createdAt = new Date().toISOString();
  if (config.DATABASE_URL) {
    const schemas = schemasOf(config);
    const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(target, 'database.dump')}`];
    for (const s of schemas ?? []) args.push(`--schema=${s}`);
    await run('pg_dump', args, { env: libpqEnv(config.DATABASE_URL) });
    const files = copyFiles(config, target);
    const manifest: BackupManifest = { format: 1, kind: 'postgres', createdAt, ...(schemas ? { schemas } : {}), files };
    writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }
  const dbDir = path.join(config.dataDir, 'db');
  if (!existsSync(dbDir)) throw new BackupError(`No embedded database in ${config.dataDir}`);
  const unlock = lockDataDir(dbDir);
  try {
    cpSync(config.dataDir, path.join(target, 'data'), {
      recursive: true,
      // The lock is this process's own; a half-received upload is not worth keeping.
      filter: (p) => p !== `${dbDir}.lock` && !p.includes(`${path.sep}.incoming`),
    });
  } finally {
    unlock();
  }
  const manifest: BackupManifest = { format: 1, kind: 'pglite', createdAt, files: copyFiles(config, target) };
  writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifest(source: string): BackupManifest {
  const file = path.join(source, MANIFEST);
  if (!existsSync(file)) throw new BackupError(`${source} holds no backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new BackupError(`${file}: unknown backup format ${String(manifest.format)}`);
  return manifest;
}

async function postgresHoldsData(config: Config): Promise<boolean> {
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const table = config.DATABASE_SCHEMA ? `${config.DATABASE_SCHEMA}.schema_migrations` : 'schema_migrations';
    const { rows } = await client.query<{ found: string | null }>('select to_regclass($1)::text as found', [table]);
    return rows[0]?.found != null;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup made by `backup` into the configured database (and file folder). An
 * installation that already holds data is replaced only when `replace` says so; stop every web
 * and worker process first.
 */
export async function restore(config: Config, source: string, options: { replace: boolean }): Promise<BackupManifest> {
  const manifest = readManifest(source);
  const kind = config.DATABASE_URL ? 'postgres' : 'pglite';
  if (manifest.kind !== kind) throw new BackupError(`The backup is of the ${manifest.kind} database, this installation uses ${kind}`);
  if (config.DATABASE_URL) {
    if (!options.replace && (await postgresHoldsData(config))) {
      throw new BackupError('The database already holds an installation: add --replace to overwrite it');
    }
    const env = libpqEnv(config.DATABASE_URL);
    if (config.DATABASE_SCHEMA) {
      // pg_restore --clean drops what the dump holds; tables added by later migrations would stay.
      for (const s of schemasOf(config) ?? [])
        await run('psql', ['-v', 'ON_ERROR_STOP=1', '-c', `drop schema if exists "${s}" cascade`], { env });
    }
    const args = [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${env.PGDATABASE}`,
    ];
    await run('pg_restore', [...args, path.join(source, 'database.dump')], { env });
    restoreFiles(config, source, manifest);
    return manifest;
  }
  const dbDir = path.join(config.dataDir, 'db');
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(dbDir);
  try {
    if (existsSync(dbDir) && readdirSync(dbDir).length > 0 && !options.replace) {
      throw new BackupError(`${config.dataDir} already holds a database: add --replace to overwrite it`);
    }
    for (const entry of readdirSync(config.dataDir))
      if (entry !== 'db.lock') rmSync(path.join(config.dataDir, entry), { recursive: true, force: true });
    cpSync(path.join(source, 'data'), config.dataDir, { recursive: true });
  } finally {
    unlock();
  }
  restoreFiles(config, source, manifest);
  return manifest;
}

function restoreFiles(config: Config, source: string, manifest: BackupManifest): void {
  if (!manifest.files) return;
  rmSync(config.uploadDir, { recursive: true, force: true });
  cpSync(path.join(source, 'files'), config.uploadDir, { recursive: true });
}
