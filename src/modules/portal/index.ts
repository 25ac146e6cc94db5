import { defineModule } from '../../core/module.ts';
import * as createTables from './migrations/20261128T1000_portal_create_tables.ts';
import * as parallelRegistrations from './migrations/20261201T0910_portal_allow_parallel_registrations.ts';
import { portalCommands } from './portal.commands.ts';
import { portalPrivacy, TASKS_ACTIVITY } from './portal.privacy.ts';

/**
 * The customer portal (C33–C39): contract data from the billing system's export, registration
 * with activation by post or e-mail, a customer guard that scopes every query to the signed-in
 * customer, business processes that land as tasks for customer service, the portal log and the
 * deletion of the online access.
 */
export const portalModule = defineModule({
  name: 'portal',
  roles: ['customer-service'],
  migrations: {
    '20261128T1000_portal_create_tables': createTables,
    '20261201T0910_portal_allow_parallel_registrations': parallelRegistrations,
  },
  hooks: async (app, ctx) => (await import('./portal.guard.ts')).installCustomerGuard(app, ctx),
  routes: async (app, ctx) => {
    (await import('./portal.layout.tsx')).setPortalMenuFrom(ctx.modules);
    (await import('./portal.auth.routes.tsx')).registerPortalAuthRoutes(app, ctx);
    (await import('./portal.routes.tsx')).registerPortalRoutes(app, ctx);
    (await import('./portal.process.routes.tsx')).registerProcessRoutes(app, ctx);
    (await import('./portal.account.routes.tsx')).registerAccountRoutes(app, ctx);
    (await import('./portal.privacy-request.routes.tsx')).registerPrivacyRequestRoutes(app, ctx);
    (await import('./portal.staff.routes.tsx')).registerPortalStaffRoutes(app, ctx);
  },
  privacy: portalPrivacy,
  commands: portalCommands,
  // The demo generator and its writers load only when demo data is seeded.
  seedDemo: async (ctx) => (await import('./portal.seed.ts')).seedPortalDemo(ctx),
  navigation: [
    {
      id: 'portal',
      label: { de: 'Kundenportal', en: 'Customer portal' },
      href: { de: '/portal', en: '/en/portal' },
      area: 'main',
      order: 60,
    },
  ],
  staffNavigation: [
    {
      id: 'portal.tasks',
      label: { de: 'Portal-Aufgaben', en: 'Portal tasks' },
      href: '/staff/portal/aufgaben',
      access: { activity: TASKS_ACTIVITY, action: 'read' },
      order: 55,
    },
  ],
});

// What modules built on the portal (the free SMS) may use: the signed-in customer as the guard
// gives it, the portal's frame, and its log. They add to its menu with `menus.portal`.
export type { CustomerRouteAccess, PortalCustomer } from './portal.guard.ts';
export { PortalLayout, type PortalMenuItem } from './portal.layout.tsx';
export { type LogInput, type PortalAction, recordPortalAction } from './portal.log.ts';
