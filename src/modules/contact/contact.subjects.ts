import type { Kysely } from 'kysely';
import { defineMessages, formatDateTime, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { SubjectHooks, SubjectQuery, SubjectRecord } from '../../core/privacy/index.ts';
import { ACTIVITY } from './contact.forms.ts';
import { normalisePhone } from './contact.phone.ts';
import { CORRECTABLE, PROVIDED, rectifyContact } from './contact.rectify.ts';
import { slotText } from './contact.staff.views.tsx';
import type { ContactTables } from './contact.tables.ts';

/** How a data-subject request names the module's records, German first: their state in words. */
const summaryMessages = defineMessages({
  'request.open': { de: '{reference}, eingegangen am {received}, offen', en: '{reference}, received on {received}, open' },
  'request.handled': {
    de: '{reference}, eingegangen am {received}, abgeschlossen',
    en: '{reference}, received on {received}, handled',
  },
  'callback.open': { de: '{reference}, Rückruf gewünscht {slot}', en: '{reference}, callback wished for {slot}' },
  'callback.done': {
    de: '{reference}, Rückruf gewünscht {slot}, erledigt',
    en: '{reference}, callback wished for {slot}, done',
  },
});

/** Core hands over digits and "+" only; stored numbers are E.164, so both go through the same parser. */
function phoneOf(subject: SubjectQuery): string | null {
  return subject.phone ? (normalisePhone(subject.phone) ?? subject.phone) : null;
}

async function answersOf(db: Kysely<ContactTables>, column: 'request_id' | 'callback_id', id: string) {
  const rows = await db
    .selectFrom('contact_events')
    .select(['kind', 'occurred_at', 'body'])
    .where(column, '=', id)
    .where('body', 'is not', null)
    .orderBy('occurred_at')
    .execute();
  return rows.map((e) => ({ kind: e.kind, at: e.occurred_at, text: e.body }));
}

/**
 * Everything the contact forms hold about a person, by e-mail, phone or customer number, with
 * the answers and notes that belong to each request. Erasure deletes the rows (their events
 * go with them); core keeps what a legal hold protects before it asks.
 */
export const contactSubjects: SubjectHooks = {
  async find(anyDb, subject) {
    const db = anyDb as Kysely<ContactTables>;
    const phone = phoneOf(subject);
    const records: SubjectRecord[] = [];
    if (subject.email || phone || subject.customerNumber) {
      const requests = await db
        .selectFrom('contact_requests')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(subject.email ? [eb('email', '=', subject.email.toLowerCase())] : []),
            ...(phone ? [eb('phone', '=', phone)] : []),
            ...(subject.customerNumber ? [eb('customer_number', '=', subject.customerNumber)] : []),
          ]),
        )
        .orderBy('created_at')
        .execute();
      for (const r of requests) {
        records.push({
          activity: ACTIVITY[r.kind],
          table: 'contact_requests',
          recordId: r.id,
          summary: inEveryLocale((locale) =>
            translator(summaryMessages, locale)(`request.${r.status}`, {
              reference: r.reference,
              received: formatDateTime(r.created_at, locale),
            }),
          ),
          scope: r.topic,
          provided: PROVIDED.contact_requests,
          correctable: CORRECTABLE.contact_requests,
          data: {
            reference: r.reference,
            topic: r.topic,
            salutation: r.salutation,
            name: r.name,
            email: r.email,
            phone: r.phone,
            customerNumber: r.customer_number,
            concern: r.concern,
            received: r.created_at,
            status: r.status,
            answersAndNotes: await answersOf(db, 'request_id', r.id),
          },
        });
      }
    }
    if (phone) {
      const callbacks = await db.selectFrom('contact_callbacks').selectAll().where('phone', '=', phone).orderBy('created_at').execute();
      for (const c of callbacks) {
        records.push({
          activity: ACTIVITY.callback,
          table: 'contact_callbacks',
          recordId: c.id,
          summary: inEveryLocale((locale) =>
            translator(summaryMessages, locale)(c.done_at ? 'callback.done' : 'callback.open', {
              reference: c.reference,
              slot: slotText(c.slot_start, c.slot_end, locale),
            }),
          ),
          provided: PROVIDED.contact_callbacks,
          correctable: CORRECTABLE.contact_callbacks,
          data: {
            reference: c.reference,
            name: c.name,
            phone: c.phone,
            subject: c.subject,
            preferredFrom: c.slot_start,
            preferredTo: c.slot_end,
            received: c.created_at,
            notes: await answersOf(db, 'callback_id', c.id),
          },
        });
      }
    }
    return records;
  },

  rectify: (db, record, changes) => rectifyContact(db, record, changes),

  async erase(anyDb, records) {
    const db = anyDb as Kysely<ContactTables>;
    const ids = (table: string) => records.filter((r) => r.table === table).map((r) => r.recordId);
    const requests = ids('contact_requests');
    const callbacks = ids('contact_callbacks');
    if (requests.length) await db.deleteFrom('contact_requests').where('id', 'in', requests).execute();
    if (callbacks.length) await db.deleteFrom('contact_callbacks').where('id', 'in', callbacks).execute();
    return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
  },
};
