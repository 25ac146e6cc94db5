import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import * as createTables from './migrations/20261128T1010_sms_create_tables.ts';
import { smsJobs } from './sms.jobs.ts';
import { smsMessages } from './sms.messages.ts';
import { ABUSE_ACTIVITY, smsPrivacy } from './sms.privacy.ts';

/**
 * Free SMS for signed-in customers (C62–C65): 5 a day, only number and text to the provider over
 * HTTPS through an outbox with retries, a record against abuse kept 90 days, and its export for
 * authorities by the legal department, audited.
 */
export const smsModule = defineModule({
  name: 'sms',
  roles: ['legal'],
  dependsOn: ['portal'],
  menus: { portal: [{ id: 'sms', label: smsMessages.menu, href: { de: '/portal/sms', en: '/en/portal/sms' }, order: 70 }] },
  migrations: { '20261128T1010_sms_create_tables': createTables },
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  routes: async (app, ctx) => {
    (await import('./sms.routes.tsx')).registerSmsRoutes(app, ctx);
    (await import('./sms.staff.routes.tsx')).registerSmsStaffRoutes(app, ctx);
  },
  jobs: smsJobs,
  privacy: smsPrivacy,
  staffNavigation: [
    {
      id: 'sms.abuse',
      label: { de: 'SMS-Missbrauchsnachweis', en: 'SMS abuse record' },
      href: '/staff/sms/missbrauch',
      access: { activity: ABUSE_ACTIVITY, action: 'read' },
      order: 85,
    },
  ],
});
