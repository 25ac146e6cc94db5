import type { Kysely } from 'kysely';
import { defineMessages, formatDate, inEveryLocale, translator } from '../../core/i18n/index.ts';
import type { SubjectHooks } from '../../core/privacy/index.ts';
import { ACTIVITY } from './media.paths.ts';
import { mediaSubjectFields } from './media.subjects.fields.ts';
import type { MediaTables } from './media.tables.ts';

/** How a data-subject request names a takedown request, German first: what became of it in words. */
const summaryMessages = defineMessages({
  open: { de: '{reference}, eingegangen am {received}, in Bearbeitung', en: '{reference}, received on {received}, being handled' },
  removed: { de: '{reference}: Bild entfernt', en: '{reference}: picture removed' },
  pixelated: { de: '{reference}: Bereiche verpixelt', en: '{reference}: areas pixelated' },
  blurred: { de: '{reference}: Bereiche weichgezeichnet', en: '{reference}: areas blurred' },
  closed: { de: '{reference}: abgeschlossen', en: '{reference}: closed' },
});

/**
 * Takedown requests by the e-mail address their sender gave as their own contact (as the
 * contact form does). Consent records are not searched: they hold a name only (see media.privacy.ts).
 */
export const mediaSubjects: SubjectHooks = {
  fields: mediaSubjectFields,
  async find(anyDb, subject) {
    if (!subject.email) return [];
    const db = anyDb as Kysely<MediaTables>;
    const rows = await db
      .selectFrom('media_takedowns')
      .selectAll()
      .where('email', '=', subject.email.toLowerCase())
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      activity: ACTIVITY.takedowns,
      table: 'media_takedowns',
      recordId: r.id,
      summary: inEveryLocale((locale) =>
        translator(summaryMessages, locale)(r.outcome ?? 'open', { reference: r.reference, received: formatDate(r.created_at, locale) }),
      ),
      data: {
        reference: r.reference,
        picture: r.picture,
        wish: r.wish,
        details: r.details,
        name: r.name,
        email: r.email,
        received: r.created_at,
        handled: r.handled_at,
        outcome: r.outcome,
      },
    }));
  },
  async erase(anyDb, records) {
    const db = anyDb as Kysely<MediaTables>;
    const ids = records.filter((r) => r.table === 'media_takedowns').map((r) => r.recordId);
    if (ids.length === 0) return [];
    const open = new Set(
      (await db.selectFrom('media_takedowns').select('id').where('id', 'in', ids).where('handled_at', 'is', null).execute()).map(
        (r) => r.id,
      ),
    );
    // An open request keeps its picture offline: it stays, without anything about its sender.
    if (open.size)
      await db
        .updateTable('media_takedowns')
        .set({ picture: '–', details: null, name: null, email: null })
        .where('id', 'in', [...open])
        .execute();
    const done = ids.filter((id) => !open.has(id));
    if (done.length) await db.deleteFrom('media_takedowns').where('id', 'in', done).execute();
    return records
      .filter((r) => r.table === 'media_takedowns')
      .map((r) => ({
        activity: r.activity,
        table: r.table,
        recordId: r.recordId,
        outcome: open.has(r.recordId) ? ('anonymised' as const) : ('deleted' as const),
      }));
  },
};
