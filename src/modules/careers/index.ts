import { defineModule } from '../../core/module.ts';
import { ACTIVITY, PUBLIC_PATH, STAFF_PATH } from './careers.forms.ts';
import { careersPrivacy } from './careers.privacy.ts';
import { seedCareersDemo } from './careers.seed.ts';
import * as createTables from './migrations/20261205T2200_careers_create_tables.ts';

/**
 * Careers (C27–C30): job postings per category with JSON-LD and a feed, one application form per
 * category with attachments, HR forwarding to the posting's department only, and anonymisation
 * after the selection, leaving statistics.
 */
export const careersModule = defineModule({
  name: 'careers',
  roles: ['hr', 'equal-treatment', 'works-council'],
  migrations: { '20261205T2200_careers_create_tables': createTables },
  privacy: careersPrivacy,
  routes: async (app, ctx) => {
    (await import('./careers.routes.tsx')).registerCareersRoutes(app, ctx);
    (await import('./careers.staff.routes.tsx')).registerCareersStaffRoutes(app, ctx);
  },
  navigation: [{ id: 'careers.list', label: { de: 'Karriere', en: 'Careers' }, href: PUBLIC_PATH.list, area: 'main', order: 80 }],
  staffNavigation: [
    {
      id: 'careers.applications',
      label: { de: 'Bewerbungen', en: 'Applications' },
      href: STAFF_PATH.applications,
      access: { activity: ACTIVITY, action: 'read' },
      order: 30,
    },
    {
      id: 'careers.postings',
      label: { de: 'Stellenanzeigen', en: 'Job postings' },
      href: STAFF_PATH.postings,
      access: { roles: ['hr'], personalData: false },
      order: 31,
    },
    {
      id: 'careers.statistics',
      label: { de: 'Bewerbungsstatistik', en: 'Application statistics' },
      href: STAFF_PATH.statistics,
      access: { roles: ['hr', 'equal-treatment', 'works-council'], personalData: false },
      order: 32,
    },
  ],
  seedDemo: seedCareersDemo,
});
