import type { Locale } from '../../core/i18n/index.ts';

// One formatter per locale: building one costs far more than using it.
const euroFormats: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** Cents as "1.234,56 €" / "€1,234.56". */
export function formatEuro(cents: number, locale: Locale): string {
  return euroFormats[locale].format(cents / 100);
}

/** Cents as typed into a field, without the currency sign: "85,00" / "85.00". */
export function euroInput(cents: number, locale: Locale): string {
  const s = (cents / 100).toFixed(2);
  return locale === 'de' ? s.replace('.', ',') : s;
}

/**
 * An amount as people type it ("85", "85,5", "85.50 €", "EUR 85,00") in integer cents, or null.
 * Thousands separators are not accepted: "1.234" would be ambiguous between the languages.
 */
export function parseEuroCents(input: string): number | null {
  const m = /^\s*(?:€|eur)?\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€|eur)?\s*$/i.exec(input);
  if (!m) return null;
  const euros = Number(m[1]);
  const cents = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  return euros * 100 + cents;
}

/** A meter value as typed ("12345", "12345,6", "1234.567") as a plain decimal string, or null. */
export function parseMeterValue(input: string): string | null {
  const m = /^\s*(\d{1,11})(?:[.,](\d{1,3}))?\s*$/.exec(input);
  if (!m) return null;
  return m[2] === undefined ? String(Number(m[1])) : `${Number(m[1])}.${m[2]}`;
}

export interface InstalmentLimits {
  minCents: number;
  maxCents: number;
}

/**
 * The range a customer may choose online: a share of the instalment the billing system set (the
 * base stays that figure until the next import, so repeated requests cannot ratchet it down),
 * never below the absolute minimum.
 */
export function instalmentLimits(
  baseCents: number,
  config: { PORTAL_INSTALMENT_MIN_PERCENT: number; PORTAL_INSTALMENT_MAX_PERCENT: number; PORTAL_INSTALMENT_MIN_CENTS: number },
): InstalmentLimits {
  // Whole euros: nobody is asked to type 59,57 €.
  const min = Math.max(config.PORTAL_INSTALMENT_MIN_CENTS, Math.ceil((baseCents * config.PORTAL_INSTALMENT_MIN_PERCENT) / 100 / 100) * 100);
  const max = Math.max(min, Math.floor((baseCents * config.PORTAL_INSTALMENT_MAX_PERCENT) / 100 / 100) * 100);
  return { minCents: min, maxCents: max };
}

/** An IBAN for screens: country, check digits and the last four, the rest masked. */
export function maskIban(iban: string): string {
  const clean = iban.replace(/\s+/g, '');
  if (clean.length < 8) return '••••';
  return `${clean.slice(0, 4)} •••• •••• ${clean.slice(-4)}`;
}
