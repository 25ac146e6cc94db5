import type { Kysely } from 'kysely';
import { defineMessages, formatDate, inEveryLocale, translator } from '../i18n/index.ts';
import type { PrivacyTables } from './privacy.tables.ts';
import type { SubjectHooks } from './register.types.ts';
import { fieldValues, labelledAs } from './subject-fields.ts';

/** How a data-subject request names an earlier one, German first: its kind and state in words. */
const summaryMessages = defineMessages({
  line: { de: '{reference}, {name}: {kind} vom {received}, {status}', en: '{reference}, {name}: {kind} of {received}, {status}' },
  'kind.access': { de: 'Auskunft', en: 'access' },
  'kind.rectification': { de: 'Berichtigung', en: 'rectification' },
  'kind.erasure': { de: 'Löschung', en: 'erasure' },
  'kind.restriction': { de: 'Einschränkung', en: 'restriction' },
  'kind.portability': { de: 'Datenübertragung', en: 'portability' },
  'kind.objection': { de: 'Widerspruch', en: 'objection' },
  'status.unconfirmed': { de: 'nicht bestätigt', en: 'not confirmed' },
  'status.open': { de: 'offen', en: 'open' },
  'status.answered': { de: 'beantwortet', en: 'answered' },
  'status.rejected': { de: 'abgelehnt', en: 'rejected' },
});

/** How a letter answering an access request names the keys of an earlier request. */
const fieldMessages = defineMessages({
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  kind: { de: 'Art der Anfrage', en: 'Kind of request' },
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  phone: { de: 'Telefonnummer', en: 'Phone number' },
  customerNumber: { de: 'Kundennummer', en: 'Customer number' },
  received: { de: 'Eingegangen', en: 'Received' },
});

/**
 * Earlier data-subject requests of the person. They are kept for three years after closing as
 * proof that the request was answered, so erasure reports them as kept.
 */
export const privacySubjects: SubjectHooks = {
  fields: {
    ...labelledAs(fieldMessages, ['reference', 'name', 'email', 'phone', 'customerNumber', 'received']),
    kind: { label: fieldMessages.kind, values: fieldValues(summaryMessages, 'kind') },
  },
  async find(db, subject) {
    if (!subject.email) return [];
    const rows = await (db as Kysely<PrivacyTables>)
      .selectFrom('dsr_requests')
      .select(['id', 'reference', 'kind', 'name', 'email', 'phone', 'customer_number', 'created_at', 'status'])
      .where('email', '=', subject.email)
      .where('status', '<>', 'unconfirmed')
      .execute();
    return rows.map((r) => ({
      activity: 'privacy.subject-requests',
      table: 'dsr_requests',
      recordId: r.id,
      // Kind and state in words of each language; their codes stay in data.
      summary: inEveryLocale((locale) => {
        const t = translator(summaryMessages, locale);
        return t('line', {
          reference: r.reference,
          name: r.name,
          kind: t(`kind.${r.kind}`),
          received: formatDate(r.created_at, locale),
          status: t(`status.${r.status}`),
        });
      }),
      data: {
        reference: r.reference,
        kind: r.kind,
        name: r.name,
        email: r.email,
        phone: r.phone,
        customerNumber: r.customer_number,
        received: r.created_at,
      },
    }));
  },
  async erase(_db, records) {
    return records.map((r) => ({
      activity: r.activity,
      table: r.table,
      recordId: r.recordId,
      outcome: 'kept' as const,
      reason: { kind: 'proof-of-answer', years: 3 },
    }));
  },
};
