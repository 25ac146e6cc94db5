import type { Localized } from '../../core/i18n/index.ts';
import { defineUploadPolicy } from '../../core/uploads/index.ts';

/** The register's activity of applications: the guard, the row scope, the files and retention hang on it. */
export const ACTIVITY = 'careers.applications';
/**
 * What HR alone does with an application: forward it to the posting's department, keep it for
 * pending proceedings, hand a hired applicant over. Its own activity, so the guard refuses every
 * other role before a handler runs, as it does for every HR-only action.
 */
export const HR_ACTIVITY = 'careers.hr-handling';
export const TABLE = 'careers_applications';

/** Public addresses, German and English. */
export const PUBLIC_PATH = {
  list: { de: '/karriere', en: '/en/careers' },
  feed: { de: '/karriere/stellen.atom', en: '/en/careers/jobs.atom' },
  posting: { de: '/karriere/stellen', en: '/en/careers/jobs' },
  status: { de: '/karriere/bewerbung', en: '/en/careers/application' },
} satisfies Record<string, Localized>;

export const postingPath = (slug: string, locale: 'de' | 'en') => `${PUBLIC_PATH.posting[locale]}/${slug}`;
export const applyPath = (slug: string, locale: 'de' | 'en') => `${postingPath(slug, locale)}/${locale === 'de' ? 'bewerben' : 'apply'}`;
export const statusPath = (token: string, locale: 'de' | 'en') => `${PUBLIC_PATH.status[locale]}/${token}`;

export const STAFF_PATH = {
  postings: '/staff/karriere/stellen',
  applications: '/staff/karriere/bewerbungen',
  statistics: '/staff/karriere/statistik',
};

/** B(ewerbung). */
export const REFERENCE_PREFIX = 'B';

/**
 * The attachments of an application: the CV (a PDF) and certificates (PDFs or images, several).
 * Types are sniffed from the content; nothing else is taken.
 */
export const attachments = defineUploadPolicy({
  activity: ACTIVITY,
  purpose: 'application-attachments',
  fields: {
    cv: { accept: ['pdf'], required: true },
    certificates: { accept: ['pdf', 'image'], maxFiles: 5 },
  },
});
