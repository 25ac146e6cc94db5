import { defineUploadPolicy } from '../../core/uploads/index.ts';
import { APPLICATIONS_ACTIVITY } from './sponsoring.privacy.ts';

/** Optional images (re-encoded without metadata) and PDF attachments of an application (C45). */
export const applicationFiles = defineUploadPolicy({
  activity: APPLICATIONS_ACTIVITY,
  purpose: 'sponsoring-application',
  fields: {
    images: { accept: ['image'], maxFiles: 3, maxBytes: 5 * 1_048_576, variants: [{ name: 'w640', maxEdge: 640 }] },
    attachments: { accept: ['pdf'], maxFiles: 2, maxBytes: 5 * 1_048_576 },
  },
});
