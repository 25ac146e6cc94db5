import { defineModule } from '../../core/module.ts';
import * as createTables from './migrations/20261128T1000_portal_create_tables.ts';
import * as parallelRegistrations from './migrations/20261201T0910_portal_allow_parallel_registrations.ts';
import * as readingCheck from './migrations/20261205T2240_portal_add_reading_check.ts';
import * as taskAnswers from './migrations/20261205T2250_portal_add_task_answers.ts';
import { portalCommands } from './portal.commands.ts';
import { portalPrivacy, TASKS_ACTIVITY } from './portal.privacy.ts';
import type { PortalTables } from './portal.tables.ts';

/**
 * The customer portal (C33–C39): contract data from the billing system's export, registration
 * with activation by post or e-mail, a customer guard that scopes every query to the signed-in
 * customer, business processes that land as tasks for customer service, the portal log and the
 * deletion of the online access.
 */
export const portalModule = defineModule({
  name: 'portal',
  // The signed-in privacy request and the restriction badge come from the DPO's pages.
  dependsOn: ['gdpr'],
  roles: ['customer-service'],
  migrations: {
    '20261128T1000_portal_create_tables': createTables,
    '20261201T0910_portal_allow_parallel_registrations': parallelRegistrations,
    '20261205T2240_portal_add_reading_check': readingCheck,
    '20261205T2250_portal_add_task_answers': taskAnswers,
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
      openCount: async (ctx) => {
        const row = await ctx.db
          .withTables<PortalTables>()
          .selectFrom('portal_tasks')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
      order: 55,
    },
  ],
});

// What modules built on the portal (the free SMS) may use: the signed-in customer as the guard
// gives it, the portal's frame, and its log. They add to its menu with `menus.portal`.
export type { CustomerRouteAccess, PortalCustomer } from './portal.guard.ts';
export { PortalLayout, type PortalMenuItem } from './portal.layout.tsx';
export { type LogInput, type PortalAction, recordPortalAction } from './portal.log.ts';

/**
 * Whether a customer number (as printed on a bill) belongs to a customer with this surname, for
 * modules that reward customers (the sponsoring vote's extra votes). Returns the number in the
 * billing system's form when it does, else null; the same query runs either way.
 */
export async function customerNameMatches(
  // biome-ignore lint: any database handle of the application
  db: import('kysely').Kysely<any>,
  customerNumber: string,
  surname: string,
): Promise<string | null> {
  const { customerByNumber, normaliseName } = await import('./portal.accounts.ts');
  const found = await customerByNumber(db, customerNumber);
  return found && normaliseName(found.last_name) === normaliseName(surname) ? found.customer_number : null;
}
