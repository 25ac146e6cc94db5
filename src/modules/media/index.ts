import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/module.ts';
import { mediaJobs } from './media.jobs.ts';
import { ACTIVITY, PUBLIC_PATH, STAFF_PATH } from './media.paths.ts';
import { mediaPrivacy } from './media.privacy.ts';
import * as createTables from './migrations/20261205T2200_media_create_tables.ts';

/**
 * Media library (C31, C32): photos uploaded by editors through the upload facility, consent
 * records per depicted person, publication decided per request, and takedown on a depicted
 * person's request – pixelated or blurred in every stored size, or removed.
 */
export const mediaModule = defineModule({
  name: 'media',
  roles: ['editor', 'communications'],
  migrations: { '20261205T2200_media_create_tables': createTables },
  privacy: mediaPrivacy,
  jobs: mediaJobs,
  assetsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets'),
  routes: async (app, ctx) => {
    (await import('./media.public.routes.tsx')).registerMediaPublicRoutes(app, ctx);
    (await import('./media.staff.routes.tsx')).registerMediaStaffRoutes(app, ctx);
  },
  navigation: [
    { id: 'media.gallery', label: { de: 'Bildergalerie', en: 'Gallery' }, href: PUBLIC_PATH.gallery, area: 'footer', order: 60 },
  ],
  staffNavigation: [
    {
      id: 'media.library',
      label: { de: 'Mediathek', en: 'Media library' },
      href: STAFF_PATH.library,
      access: { activity: ACTIVITY.library, action: 'read' },
      order: 40,
    },
    {
      id: 'media.takedowns',
      label: { de: 'Bild-Entfernungen', en: 'Picture takedowns' },
      href: STAFF_PATH.takedowns,
      access: { activity: ACTIVITY.takedowns, action: 'read' },
      order: 41,
    },
  ],
});
