import type { Locale } from '../../core/i18n/index.ts';

/** Public paths, German at the root and English under /en. */
export const PATHS = {
  code: { de: '/fotocode', en: '/en/photo-code' },
  gallery: { de: '/fotocode/galerie', en: '/en/photo-code/gallery' },
  entry: { de: '/fotocode/teilnahme', en: '/en/photo-code/entry' },
} as const;

export const galleryPath = (slug: string, l: Locale) => (l === 'de' ? `/galerie/${slug}` : `/en/gallery/${slug}`);
export const galleryImage = (slug: string, photoId: string, size: 'w400' | 'w1200') => `/galerie/${slug}/foto/${photoId}/${size}`;
export const drawPath = (slug: string, l: Locale) => (l === 'de' ? `/gewinnspiel/${slug}` : `/en/prize-draw/${slug}`);
export const termsPath = (slug: string, version: number, l: Locale) =>
  `${drawPath(slug, l)}/${l === 'de' ? 'bedingungen' : 'terms'}/${version}`;
export const drawJsonPath = (slug: string) => `/gewinnspiel/${slug}/auslosung.json`;
export const protocolPath = (slug: string) => `/gewinnspiel/${slug}/protokoll.pdf`;
export const winnerImage = (slug: string, photoId: string) => `/gewinnspiel/${slug}/gewinnerfoto/${photoId}`;
export const consentPath = (entryId: string, signature: string, l: Locale) =>
  `${l === 'de' ? '/gewinnspiel/einwilligung' : '/en/prize-draw/consent'}/${entryId}/${signature}`;

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
