import type { Kysely } from 'kysely';
import type { Locale } from '../../core/i18n/index.ts';
import type { PrivacyTables, ProcessingActivity } from '../../core/privacy/index.ts';
import { recordReferences } from './gdpr.staff.dpo.queries.ts';

/**
 * A table of the register in words: the activities whose retention rules name it, with the
 * event their deletion counts from (`Kontaktanfragen – nach dem Abschluss der Bearbeitung`).
 */
export function tableLabel(activities: readonly ProcessingActivity[], table: string, locale: Locale): string {
  const uses = activities.flatMap((a) =>
    a.retention.filter((r) => r.table === table).map((r) => `${a.title[locale]} – ${r.startEvent[locale]}`),
  );
  return [...new Set(uses)].join('; ') || { de: 'weitere Daten', en: 'further data' }[locale];
}

/** Names one record for staff: the reference number people quote, or its table in words. */
export type RecordWords = (record: { table: string; recordId: string }) => string;

/**
 * How the request pages name the records they list: never by table name and UUID, but by the
 * record's reference number where its table has one, else by the register's words for the table.
 */
export async function recordWords(
  db: Kysely<PrivacyTables>,
  activities: readonly ProcessingActivity[],
  records: readonly { recordId: string }[],
  locale: Locale,
): Promise<RecordWords> {
  const references = await recordReferences(
    db,
    records.map((r) => r.recordId),
  );
  // The activity column names the processing already; the reference alone finds the record.
  return ({ table, recordId }) => references.get(recordId) ?? tableLabel(activities, table, locale);
}
