import type { ModuleDefinition } from './core/module.ts';
import { accesslogModule } from './modules/accesslog/index.ts';
import { siteModule } from './modules/site/index.ts';

/**
 * Every module of the platform, registered once. The server, the migrator, the scheduler and
 * the CLI all read this list; nothing is discovered by globbing.
 * The access log comes first so its hooks see every request.
 */
export const modules: readonly ModuleDefinition[] = [accesslogModule, siteModule];
