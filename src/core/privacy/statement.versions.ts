import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import type { ModuleDefinition } from '../module.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import { buildStatement, type StatementModel } from './statement.model.ts';

export interface StatementContent {
  de: StatementModel;
  en: StatementModel;
}

export interface StatementVersion {
  number: number;
  validSince: Date;
  hash: string;
  content: StatementContent;
}

export function currentContent(config: Config, modules: readonly ModuleDefinition[]): StatementContent {
  return { de: buildStatement(config, modules, 'de'), en: buildStatement(config, modules, 'en') };
}

export function contentHash(content: StatementContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function parse(row: { number: number; valid_since: Date; hash: string; content: unknown }): StatementVersion {
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as StatementContent;
  return { number: row.number, validSince: row.valid_since, hash: row.hash, content };
}

export async function latestVersion(db: Kysely<PrivacyTables>): Promise<StatementVersion | null> {
  const row = await db.selectFrom('statement_versions').selectAll().orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row ? parse(row) : null;
}

export async function findVersion(db: Kysely<PrivacyTables>, number: number): Promise<StatementVersion | null> {
  const row = await db.selectFrom('statement_versions').selectAll().where('number', '=', number).executeTakeFirst();
  return row ? parse(row) : null;
}

export async function listVersions(db: Kysely<PrivacyTables>): Promise<{ number: number; validSince: Date }[]> {
  const rows = await db.selectFrom('statement_versions').select(['number', 'valid_since']).orderBy('number', 'desc').execute();
  return rows.map((r) => ({ number: r.number, validSince: r.valid_since }));
}

/**
 * Records a new version when the register or the statement's text changed (run on migrate and
 * boot): the content hash decides, and every earlier version stays as it was published.
 */
export async function ensureStatementVersion(
  db: Kysely<PrivacyTables>,
  config: Config,
  modules: readonly ModuleDefinition[],
  now: Date,
): Promise<StatementVersion> {
  const content = currentContent(config, modules);
  const hash = contentHash(content);
  const latest = await latestVersion(db);
  if (latest?.hash === hash) return latest;
  const number = (latest?.number ?? 0) + 1;
  await db
    .insertInto('statement_versions')
    .values({ number, valid_since: now, hash, content: JSON.stringify(content) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Another instance may have recorded the same change a moment earlier.
  return (await latestVersion(db)) as StatementVersion;
}
