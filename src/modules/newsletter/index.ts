import { defineModule } from '../../core/module.ts';
import * as createTables from './migrations/20261205T2210_newsletter_create_tables.ts';
import { newsletterCommands } from './newsletter.commands.ts';
import { newsletterJobs } from './newsletter.jobs.ts';
import { PATHS } from './newsletter.links.ts';
import { newsletterPrivacy } from './newsletter.privacy.ts';

/**
 * The newsletter "Meine Stadtwerke" (C51–C55): double opt-in with proof of consent, a signed
 * preference page, one-click unsubscribe, campaigns written by marketing and sent through the
 * job queue, resumable after a crash, with opens and clicks counted only pseudonymously.
 */
export const newsletterModule = defineModule({
  name: 'newsletter',
  roles: ['marketing'],
  migrations: { '20261205T2210_newsletter_create_tables': createTables },
  privacy: newsletterPrivacy,
  jobs: newsletterJobs,
  commands: newsletterCommands,
  routes: async (app, ctx) => {
    (await import('./newsletter.routes.tsx')).registerNewsletterRoutes(app, ctx);
    (await import('./newsletter.staff.routes.tsx')).registerNewsletterStaffRoutes(app, ctx);
    (await import('./newsletter.tracking.routes.ts')).registerTrackingRoutes(app, ctx);
  },
  staffNavigation: [
    {
      id: 'newsletter.campaigns',
      label: { de: 'Newsletter', en: 'Newsletter' },
      href: '/staff/newsletter',
      access: { roles: ['marketing'], personalData: false },
      order: 40,
    },
    {
      id: 'newsletter.subscribers',
      label: { de: 'Newsletter-Abonnements', en: 'Newsletter subscribers' },
      href: '/staff/newsletter/abonnements',
      access: { activity: 'newsletter.subscriptions', action: 'read' },
      order: 41,
    },
  ],
  navigation: [
    { id: 'newsletter.subscribe', label: { de: 'Newsletter', en: 'Newsletter' }, href: PATHS.subscribe, area: 'footer', order: 60 },
  ],
});
