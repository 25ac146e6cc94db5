import type { Migration } from '../../module.ts';

/** Core migrations, listed explicitly (no globbing) and merged with the modules' by the migrator. */
export const coreMigrations: Record<string, Migration> = {};
