import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import * as createModel from './migrations/20261127T1900_solar_create_model.ts';
import * as createResults from './migrations/20261127T1901_solar_create_results.ts';
import * as createObjections from './migrations/20261127T1902_solar_create_objections.ts';
import { solarCommands } from './solar.commands.ts';
import { solarJobs } from './solar.jobs.ts';
import { seedSolarDemo } from './solar.seed.ts';

/**
 * Solar potential cadastre: the 3D city model enriched with computed solar potential (C23), a
 * public map that shows only street, house number and a colour (C24), and objections that
 * black a building out (C26).
 */
export const solarModule = defineModule({
  name: 'solar',
  migrations: {
    '20261127T1900_solar_create_model': createModel,
    '20261127T1901_solar_create_results': createResults,
    '20261127T1902_solar_create_objections': createObjections,
  },
  navigation: [{ id: 'solar.map', label: { de: 'Solarkataster', en: 'Solar map' }, href: { de: '/solar', en: '/en/solar' }, area: 'main', order: 50 }],
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  // The views, MapLibre's files and the queries load only when a server starts.
  routes: async (app, ctx) => (await import('./solar.routes.tsx')).registerSolarRoutes(app, ctx),
  jobs: solarJobs,
  commands: solarCommands,
  seedDemo: seedSolarDemo,
});
