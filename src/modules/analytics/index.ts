import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import { analyticsPrivacy } from './analytics.privacy.ts';
import * as createTransitions from './migrations/20261127T2100_analytics_create_transitions.ts';

/** Usage analysis: anonymous page-to-page counts, only with consent, never under DNT/GPC (C09, C10). */
export const analyticsModule = defineModule({
  name: 'analytics',
  dependsOn: ['accesslog'],
  roles: ['admin', 'dpo', 'editor', 'communications', 'marketing'],
  migrations: { '20261127T2100_analytics_create_transitions': createTransitions },
  privacy: analyticsPrivacy,
  assetsDir: fileURLToPath(new URL('./assets', import.meta.url)),
  publicScripts: ['/assets/analytics.js'],
  routes: async (app, ctx) => {
    (await import('./analytics.routes.tsx')).registerAnalyticsRoutes(app, ctx);
    (await import('./analytics.staff.routes.tsx')).registerAnalyticsStaffRoutes(app, ctx);
  },
  navigation: [
    {
      id: 'analytics.optout',
      label: { de: 'Nutzungsanalyse', en: 'Usage analysis' },
      href: { de: '/datenschutz/nutzungsanalyse', en: '/en/privacy/usage-analysis' },
      area: 'footer',
      order: 27,
    },
  ],
  staffNavigation: [
    {
      id: 'analytics.paths',
      label: { de: 'Wege durch die Website', en: 'Paths through the site' },
      href: '/staff/statistik/wege',
      access: { roles: ['admin', 'editor', 'marketing', 'communications', 'dpo'], personalData: false },
      order: 81,
    },
  ],
});
