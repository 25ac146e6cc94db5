import type { Kysely } from 'kysely';
import { defineMessages, formatDate, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { SubjectHooks, SubjectRecord } from '../../core/privacy/index.ts';
import { ENTRIES_ACTIVITY } from './contest.activities.ts';
import { contestSubjectFields } from './contest.subjects.fields.ts';
import type { ContestTables } from './contest.tables.ts';

/** How a data-subject request names an entry, German first: whether the prize was handed over. */
const summaryMessages = defineMessages({
  entry: { de: '{draw}: {name}, teilgenommen am {entered}', en: '{draw}: {name}, entered on {entered}' },
  handedOver: {
    de: '{draw}: {name}, teilgenommen am {entered}, Gewinn übergeben am {handedOver}',
    en: '{draw}: {name}, entered on {entered}, prize handed over on {handedOver}',
  },
});

/**
 * Entries by the e-mail address they gave (stored lower-cased). Photos hold no identifier a
 * request could name: their holder reaches them with the code. Erasure deletes the entry; the
 * frozen list keeps only its hash, which says nothing once the salt is gone.
 */
export const contestSubjects: SubjectHooks = {
  fields: contestSubjectFields,
  async find(anyDb, subject) {
    if (!subject.email) return [];
    const db = anyDb as Kysely<ContestTables>;
    const rows = await db
      .selectFrom('contest_entries as e')
      .innerJoin('contest_draws as d', 'd.id', 'e.draw_id')
      .select([
        'e.id',
        'd.title',
        'e.first_name',
        'e.last_name',
        'e.street',
        'e.postcode',
        'e.city',
        'e.email',
        'e.terms_version',
        'e.created_at',
        'e.publish_consent_at',
        'e.prize_handed_over_at',
      ])
      .where('e.email', '=', subject.email.toLowerCase())
      .orderBy('e.created_at')
      .execute();
    return rows.map(
      (r): SubjectRecord => ({
        activity: ENTRIES_ACTIVITY,
        table: 'contest_entries',
        recordId: r.id,
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)(r.prize_handed_over_at ? 'handedOver' : 'entry', {
            draw: r.title,
            name: `${r.first_name} ${r.last_name}`,
            entered: formatDate(r.created_at, locale),
            handedOver: r.prize_handed_over_at ? formatDate(r.prize_handed_over_at, locale) : '',
          }),
        ),
        data: {
          draw: r.title,
          firstName: r.first_name,
          lastName: r.last_name,
          address: `${r.street}, ${r.postcode} ${r.city}`,
          email: r.email,
          termsVersion: r.terms_version,
          entered: r.created_at,
          publicationConsent: r.publish_consent_at,
          prizeHandedOver: r.prize_handed_over_at,
        },
      }),
    );
  },
  async erase(anyDb, records) {
    const db = anyDb as Kysely<ContestTables>;
    const ids = records.filter((r) => r.table === 'contest_entries').map((r) => r.recordId);
    if (ids.length) await db.deleteFrom('contest_entries').where('id', 'in', ids).execute();
    return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
  },
};
