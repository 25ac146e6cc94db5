import { defineModule } from '../../core/module.ts';
import { openCallbacks, openRequests } from './contact.counts.ts';
import { ACTIVITY, INBOX_PATH, PUBLIC_PATH } from './contact.forms.ts';
import { contactPrivacy } from './contact.privacy.ts';
import { seedContactDemo } from './contact.seed.ts';
import * as createTables from './migrations/20261128T0900_contact_create_tables.ts';

/**
 * Contact (C13–C22): the general contact form routed by topic to one department, the callback
 * service, and the forms of the data-protection and equal-treatment officers; each with its
 * staff inbox, answers by e-mail or letter, and deletion once handled.
 */
export const contactModule = defineModule({
  name: 'contact',
  // The restriction badge and refusal page (Art. 18 GDPR) of the DPO's pages.
  dependsOn: ['gdpr'],
  roles: ['customer-service', 'dpo', 'equal-treatment'],
  migrations: { '20261128T0900_contact_create_tables': createTables },
  privacy: contactPrivacy,
  // Views and queries load only when a server starts, not for every CLI command.
  routes: async (app, ctx) => {
    (await import('./contact.routes.tsx')).registerContactRoutes(app, ctx);
    (await import('./contact.staff.routes.tsx')).registerRequestInboxes(app, ctx);
    (await import('./contact.staff.callbacks.routes.tsx')).registerCallbackInbox(app, ctx);
  },
  navigation: [{ id: 'contact.form', label: { de: 'Kontakt', en: 'Contact' }, href: PUBLIC_PATH.general, area: 'main', order: 90 }],
  staffNavigation: [
    {
      id: 'contact.requests',
      label: { de: 'Kontaktanfragen', en: 'Contact requests' },
      href: INBOX_PATH.general,
      access: { activity: ACTIVITY.general, action: 'read' },
      openCount: openRequests('general'),
      order: 20,
    },
    {
      id: 'contact.callbacks',
      label: { de: 'Rückrufe', en: 'Callbacks' },
      href: INBOX_PATH.callback,
      access: { activity: ACTIVITY.callback, action: 'read' },
      openCount: openCallbacks,
      order: 21,
    },
    {
      id: 'contact.dpo',
      label: { de: 'Postfach Datenschutz', en: 'Data-protection inbox' },
      href: INBOX_PATH.dpo,
      access: { activity: ACTIVITY.dpo, action: 'read' },
      openCount: openRequests('dpo'),
      order: 22,
    },
    {
      id: 'contact.equal-treatment',
      label: { de: 'Postfach Gleichstellung', en: 'Equal-treatment inbox' },
      href: INBOX_PATH['equal-treatment'],
      access: { activity: ACTIVITY['equal-treatment'], action: 'read' },
      openCount: openRequests('equal-treatment'),
      order: 23,
    },
  ],
  seedDemo: seedContactDemo,
});
