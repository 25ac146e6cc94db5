import type { Locale } from '../../core/i18n/index.ts';

export const ACTIVITY = {
  library: 'media.library',
  consents: 'media.consents',
  takedowns: 'media.takedowns',
} as const;

/** Public pages, German and English. A picture's own page is `${page}/<id>`. */
export const PUBLIC_PATH = {
  gallery: { de: '/mediathek', en: '/en/media' },
  page: { de: '/medien', en: '/en/pictures' },
  takedown: { de: '/mediathek/entfernen', en: '/en/media/takedown' },
} as const satisfies Record<string, Record<Locale, string>>;

export const STAFF_PATH = {
  library: '/staff/medien',
  takedowns: '/staff/medien-entfernen',
} as const;

/** The sizes every picture is kept in; the original is the re-encoded upload itself. */
export const SIZES = ['w320', 'w640', 'w1280'] as const;
export type Size = (typeof SIZES)[number];

/** `B-2026-7KQ4M2XP`: a takedown request's reference (B for Bild). */
export const TAKEDOWN_PREFIX = 'B';
