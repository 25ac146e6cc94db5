import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import { modules } from '../modules.ts';
import { loadConfig } from './config/index.ts';
import type { ModuleDefinition } from './module.ts';
import { checkModules, checkRoutesAsDeclared, ModuleDefinitionError } from './module-checks.ts';

const config = loadConfig({});
const byName = (name: string) => modules.find((m) => m.name === name) as ModuleDefinition;
/** The installation with one module replaced (or added). */
const withModule = (mod: ModuleDefinition) => [...modules.filter((m) => m.name !== mod.name), mod];

describe('what a module declares in defineModule is checked at boot', () => {
  test('the installation as registered in src/modules.ts fits together', () => {
    expect(checkModules(modules, config)).toEqual([]);
  });

  test('a dependency that is not registered fails', () => {
    const problems = checkModules(
      modules.filter((m) => m.name !== 'portal'),
      config,
    );
    expect(problems).toContain('module "sms" depends on "portal", which is not registered in src/modules.ts');
  });

  test("adding to another module's menu without depending on it fails", () => {
    const sms = byName('sms');
    expect(checkModules(withModule({ ...sms, dependsOn: [] }), config)).toContain(
      'module "sms" adds to the menu of "portal" without naming it in dependsOn',
    );
  });

  test('a role the register names must be declared, and a declared role must exist', () => {
    const sms = byName('sms');
    expect(checkModules(withModule({ ...sms, roles: [] }), config)).toContain(
      'module "sms" names role "legal" without declaring it in roles',
    );
    expect(checkModules(withModule({ ...sms, roles: ['legal', 'janitor' as never] }), config)).toContain(
      'module "sms" declares unknown role "janitor" (roles are listed in src/core/roles.ts)',
    );
  });

  test('staff navigation bound to an unknown activity fails', () => {
    const sms = byName('sms');
    const staffNavigation = [
      { id: 'x', label: { de: 'X', en: 'X' }, href: '/staff/x', access: { activity: 'sms.nothing', action: 'read' as const }, order: 1 },
    ];
    expect(checkModules(withModule({ ...sms, staffNavigation }), config)).toContain(
      'module "sms": staff navigation "x" names unknown activity "sms.nothing"',
    );
  });

  test('a migration not named for its module fails, and so does a module registered twice', () => {
    const sms = byName('sms');
    const migrations = { '20261205T2200_portal_steal_tables': { up: async () => {} } };
    expect(checkModules(withModule({ ...sms, migrations }), config)).toContain(
      'module "sms": migration "20261205T2200_portal_steal_tables" must carry the module\'s name (YYYYMMDDTHHMM_sms_<verb_noun>)',
    );
    expect(checkModules([...modules, sms], config)).toContain('module "sms" is registered twice');
  });
});

describe('staff routes are checked as they are declared, not when first requested', () => {
  const app = () => {
    const instance = Fastify();
    checkRoutesAsDeclared(instance, modules, config);
    return instance;
  };
  const handler = async () => 'ok';

  test('an unknown activity id fails when the route is registered', () => {
    const instance = app();
    expect(() => instance.get('/staff/x', { config: { staff: { activity: 'sms.typo', action: 'read' } } }, handler)).toThrow(
      ModuleDefinitionError,
    );
    expect(() => instance.get('/staff/x', { config: { staff: { activity: 'sms.typo', action: 'read' } } }, handler)).toThrow(
      'GET /staff/x names unknown activity "sms.typo"',
    );
  });

  test('a known activity, known roles and the sign-in pages pass; an unknown role fails', () => {
    const instance = app();
    expect(() => instance.get('/staff/a', { config: { staff: { activity: 'sms.abuse-record', action: 'read' } } }, handler)).not.toThrow();
    expect(() => instance.get('/staff/b', { config: { staff: { roles: ['admin'], personalData: false } } }, handler)).not.toThrow();
    expect(() => instance.get('/staff/c', { config: { staff: 'sign-in' } }, handler)).not.toThrow();
    expect(() => instance.get('/staff/d', { config: { staff: { roles: ['janitor' as never], personalData: false } } }, handler)).toThrow(
      'GET /staff/d names unknown role(s) janitor',
    );
  });
});
