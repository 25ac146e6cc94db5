import { formatNumber, type Locale, translator } from '../../core/i18n/index.ts';
import { appMessages } from './portal.app.messages.ts';
import type { MeterUnit } from './portal.tables.ts';

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const monthFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day 'YYYY-MM-DD' as "15.06.2026" / "15 Jun 2026" (no time zone involved). */
export function formatDay(day: string, locale: Locale): string {
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormats.set(locale, f);
  }
  return f.format(new Date(`${day}T00:00:00Z`));
}

/** Short month name of month 1–12. */
export function monthLabel(month: number, locale: Locale): string {
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { month: 'short', timeZone: 'UTC' });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(2000, month - 1, 1)));
}

export function unitLabel(unit: MeterUnit, locale: Locale): string {
  return translator(appMessages, locale)(`unit.${unit}`);
}

/** A meter value or consumption: whole units for kWh, up to three decimals for m³. */
export function formatQuantity(value: number, unit: MeterUnit, locale: Locale): string {
  if (unit === 'kWh') return formatNumber(Math.round(value), locale, 0);
  return cubicMetreFormats[locale].format(value);
}

// Formatters built once: building one costs far more than using it.
const cubicMetreFormats: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
};
const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar day in Berlin, 'YYYY-MM-DD'. */
export function berlinToday(now: Date): string {
  return berlinDay.format(now);
}
