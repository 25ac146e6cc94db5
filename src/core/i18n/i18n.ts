export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

export type Localized = Record<Locale, string>;
export type Messages = Record<string, Localized>;
export type Params = Record<string, string | number>;
export type Translate<M extends Messages> = (key: keyof M & string, params?: Params) => string;

/**
 * A text built once for each locale, e.g. from a module's messages with its numbers and dates
 * formatted for that locale: what is stored or passed on before anyone knows the reader's language.
 */
export function inEveryLocale(text: (locale: Locale) => string): Localized {
  return Object.fromEntries(LOCALES.map((locale) => [locale, text(locale)])) as Localized;
}

/** A text that reads the same in every language: a name, an address, a reference number. */
export function sameInEveryLocale(text: string): Localized {
  return inEveryLocale(() => text);
}

/** A module's part of the message catalogue; the type makes both languages mandatory. */
export function defineMessages<const M extends Messages>(messages: M): M {
  return messages;
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function translator<M extends Messages>(messages: M, locale: Locale): Translate<M> {
  return (key, params) => {
    const entry = messages[key];
    if (!entry) throw new Error(`Missing message "${key}"`);
    return interpolate(entry[locale], params);
  };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** English pages live under /en, German ones at the root. */
export function localeOfPath(path: string): Locale {
  return path === '/en' || path.startsWith('/en/') || path.startsWith('/en?') ? 'en' : 'de';
}

const berlinDate = new Map<Locale, Intl.DateTimeFormat>();
export function formatDateTime(date: Date, locale: Locale): string {
  let fmt = berlinDate.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    });
    berlinDate.set(locale, fmt);
  }
  return fmt.format(date);
}

// Building a formatter costs far more than formatting (toLocaleString builds one per call): a
// chart of three years formats hundreds of numbers per page, so each kind is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
const calendarDate = new Map<Locale, Intl.DateTimeFormat>();
/**
 * A calendar day as people write it (`15.06.2026`, `15 Jun 2026`). A `YYYY-MM-DD` string is a
 * day without a time zone and stays that day; a Date is the day it is in Europe/Berlin.
 */
export function formatDate(date: Date | string, locale: Locale): string {
  let fmt = calendarDate.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    calendarDate.set(locale, fmt);
  }
  if (typeof date === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!day) return date;
    return fmt.format(new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))));
  }
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(date).split('-').map(Number);
  return fmt.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

export function formatNumber(value: number, locale: Locale, digits = 0): string {
  const key = `${locale}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}
