import { defineModule } from '../../core/module.ts';
import type { PrivacyTables } from '../../core/privacy/index.ts';
import { remindDeadlines } from './gdpr.deadlines.ts';

/**
 * The pages the privacy engine (src/core/privacy) serves: the generated statement and glossary,
 * the data-subject request form, and the DPO's back office (requests, rights, register, holds,
 * access log, restrictions, Art. 30 record, breaches). The engine declares the activities and
 * tables; this module only shows and changes them, so it depends on the engine and never the
 * reverse (dependency rule `privacy-engine-serves-pages`).
 */
export const gdprModule = defineModule({
  name: 'gdpr',
  // The roles the engine's activities name as recipients of what these pages show.
  roles: ['dpo', 'legal', 'customer-service'],
  jobs: [
    {
      // Reminds the DPO of requests due within a week and of overdue ones (Art. 12(3) GDPR).
      // The queue keeps its first name, so scheduled runs of existing installations carry on.
      name: 'privacy.dsr-deadlines',
      cron: '0 7 * * *',
      run: (ctx) => remindDeadlines(ctx),
    },
  ],
  routes: async (app, ctx) => {
    (await import('./gdpr.statement.routes.tsx')).registerStatementRoutes(app, ctx);
    (await import('./gdpr.request.routes.tsx')).registerDsrPublicRoutes(app, ctx);
    (await import('./gdpr.staff.requests.routes.tsx')).registerDsrStaffRoutes(app, ctx);
    (await import('./gdpr.staff.dpo.routes.tsx')).registerDpoRoutes(app, ctx);
    (await import('./gdpr.staff.rights.routes.tsx')).registerDsrRightsRoutes(app, ctx);
    (await import('./gdpr.staff.records.routes.tsx')).registerDpoRecordRoutes(app, ctx);
  },
  staffNavigation: [
    {
      id: 'privacy.requests',
      label: { de: 'Betroffenenanfragen', en: 'Subject requests' },
      href: '/staff/anfragen',
      access: { activity: 'privacy.subject-requests', action: 'read' },
      openCount: async (ctx) => {
        const row = await ctx.db
          .withTables<PrivacyTables>()
          .selectFrom('dsr_requests')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
      order: 60,
    },
    {
      id: 'privacy.register',
      label: { de: 'Verarbeitungsverzeichnis', en: 'Processing register' },
      href: '/staff/datenschutz',
      access: { activity: 'privacy.deletion-proof', action: 'read' },
      order: 70,
    },
    {
      id: 'privacy.holds',
      label: { de: 'Aufbewahrungen', en: 'Holds' },
      href: '/staff/datenschutz/sperren',
      access: { activity: 'privacy.legal-holds', action: 'read' },
      order: 71,
    },
    {
      id: 'privacy.audit',
      label: { de: 'Zugriffsprotokoll', en: 'Access log' },
      href: '/staff/datenschutz/protokoll',
      access: { activity: 'privacy.audit-log', action: 'read' },
      order: 72,
    },
    {
      id: 'privacy.restrictions',
      label: { de: 'Einschränkungen', en: 'Restrictions' },
      href: '/staff/datenschutz/einschraenkungen',
      access: { activity: 'privacy.restrictions', action: 'read' },
      order: 73,
    },
    {
      id: 'privacy.ropa',
      label: { de: 'Verzeichnis nach Art. 30', en: 'Record under Art. 30' },
      href: '/staff/datenschutz/verzeichnis',
      access: { activity: 'privacy.deletion-proof', action: 'read' },
      order: 74,
    },
    {
      id: 'privacy.breaches',
      label: { de: 'Datenschutzverletzungen', en: 'Breaches' },
      href: '/staff/datenschutz/vorfaelle',
      access: { activity: 'privacy.breaches', action: 'read' },
      order: 75,
    },
  ],
  navigation: [
    {
      id: 'privacy.statement',
      label: { de: 'Datenschutz', en: 'Privacy' },
      href: { de: '/datenschutz', en: '/en/privacy' },
      area: 'footer',
      order: 20,
    },
    {
      id: 'privacy.glossary',
      label: { de: 'Glossar', en: 'Glossary' },
      href: { de: '/glossar', en: '/en/glossary' },
      area: 'footer',
      order: 25,
    },
    {
      id: 'privacy.request',
      label: { de: 'Ihre Datenschutzrechte', en: 'Your privacy rights' },
      href: { de: '/datenschutz/anfrage', en: '/en/privacy/request' },
      area: 'footer',
      order: 26,
    },
  ],
});

export { dsrMessages } from './gdpr.request.messages.ts';
export { createSignedInRequest } from './gdpr.request.queries.ts';
export { RestrictedBadge, refuseRestricted } from './gdpr.staff.restrictions.views.tsx';
