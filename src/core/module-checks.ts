import type { FastifyInstance } from 'fastify';
import type { Config } from './config/index.ts';
import type { ModuleDefinition, StaffAccess } from './module.ts';
import { findActivity, privacyOf } from './privacy/index.ts';
import { FIXED_ROLES, type Role } from './roles.ts';

export class ModuleDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The modules do not fit together:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ModuleDefinitionError';
  }
}

function isKnownRole(role: string): boolean {
  return (FIXED_ROLES as readonly string[]).includes(role) || /^department:[a-z0-9-]+$/.test(role);
}

/** The roles a module's register and staff navigation name. */
function rolesUsedBy(mod: ModuleDefinition, config: Config): Set<Role> {
  const used = new Set<Role>();
  for (const activity of privacyOf(mod, config)?.activities ?? []) for (const r of activity.recipients.roles) used.add(r);
  for (const item of mod.staffNavigation ?? [])
    if ('roles' in item.access && item.access.roles !== 'any') for (const r of item.access.roles) used.add(r);
  return used;
}

/**
 * What a module declares in `defineModule`, checked against the installation before anything is
 * served: unique names, dependencies present, roles known and declared, menus owned by a
 * dependency, staff navigation bound to activities that exist, migrations named for the module.
 */
export function checkModules(modules: readonly ModuleDefinition[], config: Config): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const mod of modules) {
    if (names.has(mod.name)) problems.push(`module "${mod.name}" is registered twice`);
    names.add(mod.name);
  }
  for (const mod of modules) {
    const where = `module "${mod.name}"`;
    for (const dep of mod.dependsOn ?? [])
      if (!names.has(dep)) problems.push(`${where} depends on "${dep}", which is not registered in src/modules.ts`);
    for (const owner of Object.keys(mod.menus ?? {})) {
      if (!(mod.dependsOn ?? []).includes(owner)) problems.push(`${where} adds to the menu of "${owner}" without naming it in dependsOn`);
    }
    if (mod.roles) {
      for (const r of mod.roles)
        if (!isKnownRole(r)) problems.push(`${where} declares unknown role "${r}" (roles are listed in src/core/roles.ts)`);
      // Department roles come from the configuration, not from a module.
      for (const r of rolesUsedBy(mod, config))
        if (!r.startsWith('department:') && !mod.roles.includes(r))
          problems.push(`${where} names role "${r}" without declaring it in roles`);
    } else {
      for (const r of rolesUsedBy(mod, config)) if (!isKnownRole(r)) problems.push(`${where} names unknown role "${r}"`);
    }
    for (const item of mod.staffNavigation ?? []) {
      if ('activity' in item.access && !findActivity(modules, config, item.access.activity))
        problems.push(`${where}: staff navigation "${item.id}" names unknown activity "${item.access.activity}"`);
    }
    for (const name of Object.keys(mod.migrations ?? {})) {
      if (!name.includes(`_${mod.name}_`))
        problems.push(`${where}: migration "${name}" must carry the module's name (YYYYMMDDTHHMM_${mod.name}_<verb_noun>)`);
    }
  }
  return problems;
}

export function assertModulesFit(modules: readonly ModuleDefinition[], config: Config): void {
  const problems = checkModules(modules, config);
  if (problems.length > 0) throw new ModuleDefinitionError(problems);
}

/**
 * Every route's `config.staff` is checked as it is declared: an unknown activity or role fails
 * the boot, not the first request that reaches the route.
 */
export function checkRoutesAsDeclared(app: FastifyInstance, modules: readonly ModuleDefinition[], config: Config): void {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { staff?: StaffAccess | 'sign-in' } | undefined)?.staff;
    if (!access || access === 'sign-in') return;
    const where = `${Array.isArray(route.method) ? route.method.join(',') : route.method} ${route.url}`;
    if ('activity' in access) {
      if (!findActivity(modules, config, access.activity))
        throw new ModuleDefinitionError([`${where} names unknown activity "${access.activity}"`]);
    } else if (access.roles !== 'any') {
      const unknown = access.roles.filter((r) => !isKnownRole(r));
      if (unknown.length > 0) throw new ModuleDefinitionError([`${where} names unknown role(s) ${unknown.join(', ')}`]);
    }
  });
}
