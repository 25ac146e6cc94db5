import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config/index.ts';
import type { CoreTables, Database } from './db/index.ts';
import type { ModulePrivacy } from './privacy/index.ts';
import type { NavItem } from './views/index.ts';

/** A forward-only schema change. Migrations never import app code, so old ones keep working. */
export interface Migration {
  // biome-ignore lint: migrations see the database untyped on purpose
  up(db: Kysely<any>): Promise<void>;
}

/** What every module gets at boot. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<CoreTables>;
  clock: Clock;
  log: Logger;
  /** The installation's modules, for what reads the register (guard, statement, retention). */
  modules: readonly ModuleDefinition[];
}

export interface JobDefinition {
  /** Queue name, `<module>.<job>`. */
  name: string;
  /** Cron expression in Europe/Berlin, if the job runs on a schedule. */
  cron?: string;
  /** Jobs of this queue one process works on at the same time (default 1). */
  concurrency?: number;
  /** `data` is what `JobRunner.send` was given (scheduled runs get an empty object). */
  run(ctx: AppContext, data: Record<string, unknown>): Promise<unknown>;
}

export interface CliCommand {
  /** e.g. "accesslog import" */
  name: string;
  summary: string;
  usage: string;
  /** Whether the command needs a migrated database (most do). */
  needsDatabase?: boolean;
  // biome-ignore lint/suspicious/noConfusingVoidType: a command that succeeds may return nothing (exit code 0)
  run(args: string[], ctx: AppContext): Promise<number | void>;
}

export interface ModuleDefinition {
  name: string;
  /**
   * Modules this one builds on (imports through their index.ts, adds menu entries to). Boot fails
   * when one is missing from the installation (src/core/module-checks.ts).
   */
  dependsOn?: readonly string[];
  /**
   * Staff roles this module's register and pages name (recipients, `config.staff.roles`, staff
   * navigation). Boot fails when a role is unknown or used without being declared here.
   */
  roles?: readonly import('./roles.ts').Role[];
  /**
   * Entries this module adds to menus other modules own, by the owner's name (e.g. `portal`: the
   * signed-in customer's menu). The owner must be in `dependsOn`.
   */
  menus?: Readonly<Record<string, readonly MenuEntry[]>>;
  /** Keyed by migration name `YYYYMMDDTHHMM_<module>_<verb_noun>`. */
  migrations?: Record<string, Migration>;
  /** Hooks that apply to every request, registered before any route. */
  hooks?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  routes?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  jobs?: JobDefinition[];
  commands?: CliCommand[];
  navigation?: NavItem[];
  /** Folder of static files served under /assets/ (stylesheets, scripts, images). */
  assetsDir?: string;
  /** Scripts (under /assets/) every public page loads; pages must work without them. */
  publicScripts?: string[];
  /** The module's processing activities, its tables of personal data and its data-subject hooks. */
  privacy?: ModulePrivacy | ((config: Config) => ModulePrivacy);
  /** Entries of the staff back office's navigation, each bound to what it shows. */
  staffNavigation?: StaffNavItem[];
  /** Demo data for `seed-demo`; must be idempotent. */
  seedDemo?(ctx: AppContext): Promise<void>;
}

/** An entry of a menu another module owns (see `ModuleDefinition.menus`). */
export interface MenuEntry {
  id: string;
  label: import('./i18n/index.ts').Localized;
  href: import('./i18n/index.ts').Localized;
  order: number;
}

export interface StaffNavItem {
  id: string;
  label: import('./i18n/index.ts').Localized;
  href: string;
  /** Shown to the roles this activity grants; or to the named roles for pages without personal data. */
  access: StaffAccess;
  order: number;
  /**
   * How many items wait here for these roles (open requests, tasks not done), counting only the
   * rows the roles may read (the activity's row scope applied). The overview shows it on the tile.
   */
  openCount?(ctx: AppContext, roles: readonly import('./roles.ts').Role[]): Promise<number>;
}

/**
 * Who may open a staff page. Pages with personal data name the activity, and the register's
 * recipients decide; pages without personal data (statistics, own account) name roles or 'any'.
 */
export type StaffAccess =
  | { activity: string; action: 'read' | 'export' | 'change' | 'delete' }
  | { roles: readonly import('./roles.ts').Role[] | 'any'; personalData: false };

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition;
}
