import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import * as createModel from './migrations/20261127T1900_solar_create_model.ts';
import * as createResults from './migrations/20261127T1901_solar_create_results.ts';
import * as createObjections from './migrations/20261127T1902_solar_create_objections.ts';
import * as createReportRequests from './migrations/20261128T1110_solar_create_report_requests.ts';
import * as addMonthlyIrradiation from './migrations/20261128T1111_solar_add_monthly_irradiation.ts';
import * as addObjectionLifetime from './migrations/20261128T1112_solar_add_objection_lifetime.ts';
import { solarCommands } from './solar.commands.ts';
import { solarJobs } from './solar.jobs.ts';
import { STAFF_PATH } from './solar.paths.ts';
import { SOLAR_ACTIVITY, solarPrivacy } from './solar.privacy.ts';
import { seedSolarDemo } from './solar.seed.ts';

/**
 * Solar potential cadastre: the 3D city model enriched with computed solar potential (C23), a
 * public map that shows only street, house number and a colour (C24), the detailed figures for
 * verified owners and tenants on request (C25), and objections that black a building out (C26).
 */
export const solarModule = defineModule({
  name: 'solar',
  roles: ['energy-advice'],
  migrations: {
    '20261127T1900_solar_create_model': createModel,
    '20261127T1901_solar_create_results': createResults,
    '20261127T1902_solar_create_objections': createObjections,
    '20261128T1110_solar_create_report_requests': createReportRequests,
    '20261128T1111_solar_add_monthly_irradiation': addMonthlyIrradiation,
    '20261128T1112_solar_add_objection_lifetime': addObjectionLifetime,
  },
  privacy: solarPrivacy,
  navigation: [
    { id: 'solar.map', label: { de: 'Solarkataster', en: 'Solar map' }, href: { de: '/solar', en: '/en/solar' }, area: 'main', order: 50 },
  ],
  staffNavigation: [
    {
      id: 'solar.report-requests',
      label: { de: 'Solar-Auswertungen', en: 'Solar reports' },
      href: STAFF_PATH,
      access: { activity: SOLAR_ACTIVITY.reports, action: 'read' },
      order: 40,
    },
  ],
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  // The views, MapLibre's files, the PDF renderer and the queries load only when a server starts.
  routes: async (app, ctx) => {
    await (await import('./solar.routes.tsx')).registerSolarRoutes(app, ctx);
    (await import('./solar.request.routes.tsx')).registerRequestRoutes(app, ctx);
    (await import('./solar.staff.routes.tsx')).registerRequestInbox(app, ctx);
  },
  jobs: solarJobs,
  commands: solarCommands,
  seedDemo: seedSolarDemo,
});
