/**
 * The public face of core/i18n: message catalogues (German first), locales, date and number
 * formats for Europe/Berlin. Modules import from this file only.
 */

export {
  berlinDay,
  berlinDayEnd,
  berlinDayStart,
  berlinOffsetMinutes,
  berlinToUtc,
  clockTime,
  fromGermanDateTime,
  germanDay,
} from './berlin-time.ts';
export {
  DEFAULT_LOCALE,
  defineMessages,
  formatDate,
  formatDateTime,
  formatNumber,
  inEveryLocale,
  interpolate,
  isLocale,
  LOCALES,
  type Locale,
  type Localized,
  localeOfPath,
  type Messages,
  type Params,
  sameInEveryLocale,
  type Translate,
  translator,
} from './i18n.ts';
export { type CoreMessageKey, coreMessages } from './messages.ts';
