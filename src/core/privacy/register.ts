import { sql } from 'kysely';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/index.ts';
import type { AppContext, ModuleDefinition, StaffAccess } from '../module.ts';
import type { Role } from '../roles.ts';
import type { ModulePrivacy, ProcessingActivity, RetentionRule } from './register.types.ts';

/** Tells every module that records were deleted (see `ModulePrivacy.afterDeletion`). */
export async function runAfterDeletion(ctx: AppContext): Promise<void> {
  for (const mod of ctx.modules) await privacyOf(mod, ctx.config)?.afterDeletion?.(ctx);
}

export function privacyOf(mod: ModuleDefinition, config: Config): ModulePrivacy | undefined {
  return typeof mod.privacy === 'function' ? mod.privacy(config) : mod.privacy;
}

const registers = new WeakMap<readonly ModuleDefinition[], WeakMap<Config, readonly ProcessingActivity[]>>();

/**
 * All processing activities of the installation, in module order. Built once per module list
 * and configuration (both fixed while the app runs): the staff guard asks on every request.
 */
export function activitiesOf(modules: readonly ModuleDefinition[], config: Config): readonly ProcessingActivity[] {
  const byConfig = registers.get(modules) ?? new WeakMap<Config, readonly ProcessingActivity[]>();
  registers.set(modules, byConfig);
  let activities = byConfig.get(config);
  if (!activities) {
    activities = Object.freeze(modules.flatMap((m) => privacyOf(m, config)?.activities ?? []));
    byConfig.set(config, activities);
  }
  return activities;
}

export function findActivity(modules: readonly ModuleDefinition[], config: Config, id: string): ProcessingActivity | undefined {
  return activitiesOf(modules, config).find((a) => a.id === id);
}

/** Whether any of the roles is a recipient of the activity: the one access rule for staff. */
export function mayAccess(activity: ProcessingActivity, roles: readonly Role[]): boolean {
  return activity.recipients.roles.some((r) => roles.includes(r));
}

/**
 * Whether the member's roles open a staff access: an activity's recipients by the register, or
 * roles named outright. The one test for the staff guard's routes and the staff navigation.
 */
export function allows(ctx: AppContext, access: StaffAccess, roles: readonly Role[]): boolean {
  if ('activity' in access) {
    const activity = findActivity(ctx.modules, ctx.config, access.activity);
    if (!activity) throw new Error(`Staff route names unknown activity ${access.activity}`);
    return mayAccess(activity, roles);
  }
  return access.roles === 'any' || access.roles.some((r) => roles.includes(r));
}

export class RegisterError extends Error {
  constructor(readonly problems: string[]) {
    super(`The processing register does not match the database:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RegisterError';
  }
}

function ruleColumns(rule: RetentionRule): string[] {
  const columns = [rule.key ?? 'id', rule.start, ...(rule.where ?? []).map((c) => c.column)];
  if (rule.action.kind === 'anonymise') columns.push(...Object.keys(rule.action.set), rule.action.marker);
  return columns;
}

/** Checks the register alone: unique ids, well-formed references. */
export function checkRegisterShape(modules: readonly ModuleDefinition[], config: Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const mod of modules) {
    for (const a of privacyOf(mod, config)?.activities ?? []) {
      if (seen.has(a.id)) problems.push(`activity ${a.id} is declared twice`);
      seen.add(a.id);
      if (!a.id.startsWith(`${mod.name}.`)) problems.push(`activity ${a.id} must be named ${mod.name}.<name>`);
      const rules = new Set<string>();
      for (const r of a.retention) {
        if (rules.has(r.id)) problems.push(`${a.id}: rule ${r.id} is declared twice`);
        rules.add(r.id);
      }
      for (const c of a.personalColumns)
        if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(c)) problems.push(`${a.id}: "${c}" is not table.column`);
      for (const p of a.recipients.processors ?? []) {
        if (!config.organisation.processors.some((x) => x.name === p)) problems.push(`${a.id}: processor "${p}" is not configured`);
      }
    }
  }
  return problems;
}

/**
 * Compares the register with the real schema. Boot and CI fail when a column of a table marked
 * as holding personal data is declared by no activity and not listed as non-personal, or when a
 * declaration or a rule names something that does not exist.
 */
export async function checkRegisterAgainstSchema(
  database: Database,
  modules: readonly ModuleDefinition[],
  config: Config,
): Promise<string[]> {
  const problems = checkRegisterShape(modules, config);
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema()`.execute(database.db);
  const schema = new Map<string, Set<string>>();
  for (const r of rows) {
    const cols = schema.get(r.table_name) ?? new Set<string>();
    cols.add(r.column_name);
    schema.set(r.table_name, cols);
  }
  const exists = (table: string, column?: string) => schema.has(table) && (column === undefined || schema.get(table)?.has(column));

  const personalTables = new Map<string, readonly string[]>();
  for (const mod of modules) {
    for (const [table, { nonPersonal }] of Object.entries(privacyOf(mod, config)?.personalTables ?? {})) {
      if (personalTables.has(table)) problems.push(`table ${table} is marked as personal by two modules`);
      personalTables.set(table, nonPersonal);
      if (!exists(table)) problems.push(`${mod.name}: personal table ${table} does not exist`);
      for (const c of nonPersonal)
        if (exists(table) && !exists(table, c)) problems.push(`${mod.name}: ${table}.${c} (non-personal) does not exist`);
    }
  }

  const declared = new Set<string>();
  for (const a of activitiesOf(modules, config)) {
    for (const tc of a.personalColumns) {
      const [table, column] = tc.split('.') as [string, string];
      declared.add(tc);
      if (!exists(table, column)) problems.push(`${a.id}: personal column ${tc} does not exist`);
      if (!personalTables.has(table)) problems.push(`${a.id}: ${table} holds personal data but is not marked in personalTables`);
    }
    for (const rule of a.retention) {
      if (!exists(rule.table)) problems.push(`${a.id}/${rule.id}: table ${rule.table} does not exist`);
      else
        for (const c of ruleColumns(rule))
          if (!exists(rule.table, c)) problems.push(`${a.id}/${rule.id}: column ${rule.table}.${c} does not exist`);
    }
  }

  for (const [table, nonPersonal] of personalTables) {
    for (const column of schema.get(table) ?? []) {
      if (!nonPersonal.includes(column) && !declared.has(`${table}.${column}`)) {
        problems.push(`${table}.${column} is in a table of personal data but no activity declares it (nor is it listed as non-personal)`);
      }
    }
  }
  return problems;
}

export async function assertRegisterMatchesSchema(database: Database, modules: readonly ModuleDefinition[], config: Config): Promise<void> {
  const problems = await checkRegisterAgainstSchema(database, modules, config);
  if (problems.length > 0) throw new RegisterError(problems);
}
