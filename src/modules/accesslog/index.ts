import { defineModule } from '../../core/module.ts';
import { accesslogCommands } from './accesslog.commands.ts';
import { accesslogJobs } from './accesslog.jobs.ts';
import { accesslogPrivacy } from './accesslog.privacy.ts';
import { seedAccesslogDemo } from './accesslog.seed.ts';
import * as createTables from './migrations/20261127T1700_accesslog_create_tables.ts';
import * as createRoutes from './migrations/20261205T2230_accesslog_create_routes.ts';
import * as timeBrin from './migrations/20261206T0500_accesslog_entries_time_brin.ts';

/** Website use: one log entry per request (C05), anonymous statistics (C06, C08), 90 days (C07). */
export const accesslogModule = defineModule({
  name: 'accesslog',
  roles: ['admin', 'dpo', 'editor', 'communications', 'marketing'],
  migrations: {
    '20261127T1700_accesslog_create_tables': createTables,
    '20261205T2230_accesslog_create_routes': createRoutes,
    '20261206T0500_accesslog_entries_time_brin': timeBrin,
  },
  hooks: async (app, ctx) => (await import('./accesslog.hooks.ts')).installAccessLog(app, ctx),
  jobs: accesslogJobs,
  commands: accesslogCommands,
  seedDemo: seedAccesslogDemo,
  routes: async (app, ctx) => (await import('./accesslog.staff.routes.tsx')).registerStatisticsPage(app, ctx),
  staffNavigation: [
    {
      id: 'accesslog.statistics',
      label: { de: 'Zugriffsstatistik', en: 'Access statistics' },
      href: '/staff/statistik',
      access: { roles: ['admin', 'dpo', 'editor', 'communications', 'marketing'], personalData: false },
      order: 80,
    },
  ],
  privacy: accesslogPrivacy,
});

// For other modules' statistics: the same day buckets and the same folding of ids in paths.
export { OTHER, pageRoutesOf, RouteMatcher } from './accesslog.anonymity.ts';
export { statsPath } from './accesslog.normalise.ts';
export { berlinDayHour } from './accesslog.stats.ts';
