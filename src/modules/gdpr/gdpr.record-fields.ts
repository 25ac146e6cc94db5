import { formatDate, formatDateTime, formatNumber, type Locale, type Localized, translator } from '../../core/i18n/index.ts';
import type { AppContext } from '../../core/module.ts';
import { privacyOf, type SubjectField, type SubjectFields, type SubjectRecord } from '../../core/privacy/index.ts';
import { recordFieldMessages } from './gdpr.record-fields.messages.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A key no module labelled, still readable: `instalmentCents` → `Instalment cents`. A fallback
 * only; every key a demo request finds has a label from its module (gdpr.letter.int.test.ts).
 */
export function readableKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** How one value reads in a letter: amounts in euros, dates as people write them, codes in words. */
type Words = { fields: SubjectFields; values: Readonly<Record<string, Localized>> };

function sayValue(key: string, value: unknown, field: SubjectField | undefined, words: Words, locale: Locale): string {
  const t = translator(recordFieldMessages, locale);
  if (value === null || value === undefined || value === '') return t('value.none');
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  if (value instanceof Date) return formatDateTime(value, locale);
  if (typeof value === 'number' || (typeof value === 'string' && (field?.cents || /Cents$/.test(key)) && /^-?\d+$/.test(value))) {
    const n = Number(value);
    if (field?.cents || /Cents$/.test(key)) return t('value.euros', { amount: formatNumber(n / 100, locale, 2) });
    return formatNumber(n, locale, Number.isInteger(n) ? 0 : 2);
  }
  if (typeof value === 'string') {
    const word = field?.values?.[value] ?? words.values[value];
    if (word) return word[locale];
    if (DAY.test(value)) return formatDate(value, locale);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value), locale);
    return value;
  }
  if (Array.isArray(value)) {
    if (!value.length) return t('value.none');
    return value.map((item) => sayValue(key, item, field, words, locale)).join(isPlain(value[0]) ? '; ' : ', ');
  }
  if (isPlain(value)) return linesOf(value, words, locale).join(', ');
  return String(value);
}

/**
 * A record's `data` as lines of a letter, one per key: `Label: value` in the request's language.
 * A list of entries (a log) gets a line per entry. Keys marked internal are left out.
 */
export function fieldLines(
  record: Pick<SubjectRecord, 'data' | 'valueWords'>,
  fields: SubjectFields,
  locale: Locale,
  /** Codes every module may hold, said the same way everywhere (an activity id by its title). */
  known: Readonly<Record<string, Localized>> = {},
): string[] {
  return linesOf(record.data, { fields, values: { ...known, ...record.valueWords } }, locale);
}

function linesOf(data: Readonly<Record<string, unknown>>, words: Words, locale: Locale): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = words.fields[key];
    if (field?.internal) continue;
    const label = field?.label[locale] ?? readableKey(key);
    if (Array.isArray(value) && value.length && value.every(isPlain)) {
      lines.push(`${label}:`);
      for (const entry of value) lines.push(`– ${linesOf(entry, words, locale).join(', ')}`);
    } else if (isPlain(value)) {
      lines.push(`${label}:`);
      for (const line of linesOf(value, words, locale)) lines.push(`– ${line}`);
    } else lines.push(`${label}: ${sayValue(key, value, field, words, locale)}`);
  }
  return lines;
}

/** The labels each activity's records are said with: those of the module that declares the activity. */
export function fieldsOfActivity(ctx: Pick<AppContext, 'modules' | 'config'>): (activity: string) => SubjectFields {
  const byActivity = new Map<string, SubjectFields>();
  for (const mod of ctx.modules) {
    const privacy = privacyOf(mod, ctx.config);
    for (const a of privacy?.activities ?? []) byActivity.set(a.id, privacy?.subjects?.fields ?? {});
  }
  return (activity) => byActivity.get(activity) ?? {};
}
