import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import { contestCommands } from './contest.commands.ts';
import { contestPrivacy } from './contest.privacy.ts';
import * as createTables from './migrations/20261205T2200_contest_create_tables.ts';

/**
 * Event photos with printed codes (C56, C57) and the verifiable prize draw with them (C58–C61):
 * the holder of a code decides about the gallery and may enter; corporate communications runs
 * the draw from a frozen, published list and a public random value; entries go after the prizes.
 */
export const contestModule = defineModule({
  name: 'contest',
  roles: ['communications'],
  migrations: { '20261205T2200_contest_create_tables': createTables },
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  routes: async (app, ctx) => {
    (await import('./contest.routes.tsx')).registerContestRoutes(app, ctx);
    (await import('./contest.staff.routes.tsx')).registerContestStaffRoutes(app, ctx);
  },
  commands: contestCommands,
  privacy: contestPrivacy,
  staffNavigation: [
    {
      id: 'contest.events',
      label: { de: 'Fotoaktionen und Gewinnspiele', en: 'Event photos and prize draws' },
      href: '/staff/fotoaktion',
      access: { roles: ['communications'], personalData: false },
      order: 60,
    },
  ],
});
