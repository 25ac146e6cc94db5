import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers without a country code are German, as most callers' are. */
const DEFAULT_COUNTRY: CountryCode = 'DE';

/**
 * A phone number as typed ("0211 123 45-67", "+49 (211) 1234567", "0049 …") in E.164
 * ("+492111234567"), or null when it is no valid number. The full ("max") metadata checks the
 * number plan, not just the length. The whole input must be the number: text around it
 * ("bitte abends") is refused rather than silently dropped, and so is an extension, which
 * E.164 cannot hold.
 */
export function normalisePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input, { defaultCountry: DEFAULT_COUNTRY, extract: false });
  return parsed?.isValid() && !parsed.ext ? parsed.number : null;
}

/** For staff who dial it: German numbers as dialled at home, others internationally. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === DEFAULT_COUNTRY ? parsed.formatNational() : parsed.formatInternational();
}
