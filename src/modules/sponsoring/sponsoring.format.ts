import type { Locale } from '../../core/i18n/index.ts';

const days = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day in Berlin, e.g. "1. Februar 2027". */
export function formatDay(date: Date, locale: Locale): string {
  let f = days.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' });
    days.set(locale, f);
  }
  return f.format(date);
}

/** The last day of a span that ends at midnight (the next phase's first moment). */
export const lastDay = (until: Date, locale: Locale) => formatDay(new Date(until.getTime() - 1), locale);

export function formatEuro(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}
