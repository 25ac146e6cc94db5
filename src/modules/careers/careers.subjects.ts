import type { Kysely } from 'kysely';
import { defineMessages, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { SubjectHooks, SubjectRecord } from '../../core/privacy/index.ts';
import { deleteFilesOf, filesOf } from '../../core/uploads/index.ts';
import { ACTIVITY, TABLE } from './careers.forms.ts';
import { careersMessages } from './careers.messages.ts';
import type { CareersTables } from './careers.tables.ts';

/** How a data-subject request names an application, German first: its position and state in words. */
const summaryMessages = defineMessages({
  application: { de: '{reference} – {position}: {state}', en: '{reference} – {position}: {state}' },
});

/**
 * Applications by e-mail address – only where the applicant proved the address: by opening the
 * status link the receipt mailed to it (`email_confirmed_at`). An address merely typed into the
 * form finds nothing, so nobody learns of or erases another person's application by typing
 * their address (decision 009). Anonymised rows hold no address and are not found.
 */
export const careersSubjects: SubjectHooks = {
  async find(anyDb, subject) {
    if (!subject.email) return [];
    const db = anyDb as Kysely<CareersTables>;
    const rows = await db
      .selectFrom('careers_applications as a')
      .innerJoin('careers_postings as p', 'p.id', 'a.posting_id')
      .select([
        'a.id',
        'a.reference',
        'a.status',
        'a.name',
        'a.email',
        'a.phone',
        'a.answers',
        'a.message',
        'a.created_at',
        'a.forwarded_to',
        'p.title_de',
        'p.title_en',
      ])
      .where('a.email', '=', subject.email.toLowerCase())
      .where('a.email_confirmed_at', 'is not', null)
      .orderBy('a.created_at')
      .execute();
    const records: SubjectRecord[] = [];
    for (const r of rows) {
      const notes = await db
        .selectFrom('careers_events')
        .select(['kind', 'occurred_at', 'body'])
        .where('application_id', '=', r.id)
        .where('body', 'is not', null)
        .orderBy('occurred_at')
        .execute();
      const files = await filesOf({ db: anyDb } as never, { table: TABLE, id: r.id });
      records.push({
        activity: ACTIVITY,
        table: TABLE,
        recordId: r.id,
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)('application', {
            reference: r.reference,
            position: locale === 'de' ? r.title_de : r.title_en,
            state: translator(careersMessages, locale)(`state.${r.status}`),
          }),
        ),
        scope: r.forwarded_to,
        data: {
          reference: r.reference,
          position: r.title_de,
          name: r.name,
          email: r.email,
          phone: r.phone,
          answers: r.answers,
          message: r.message,
          received: r.created_at,
          status: r.status,
          notes: notes.map((n) => ({ kind: n.kind, at: n.occurred_at, text: n.body })),
          attachments: files.map((f) => f.originalName),
        },
        // The position is stored by its German title; the English letter names it by its English one.
        valueWords: { [r.title_de]: { de: r.title_de, en: r.title_en } },
      });
    }
    return records;
  },

  async erase(anyDb, records, ctx) {
    const db = anyDb as Kysely<CareersTables>;
    const ids = records.filter((r) => r.table === TABLE).map((r) => r.recordId);
    if (ids.length) await db.deleteFrom('careers_applications').where('id', 'in', ids).execute();
    for (const id of ids) await deleteFilesOf(ctx, { table: TABLE, id });
    return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
  },
};
