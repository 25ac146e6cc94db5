import type { Kysely } from 'kysely';
import { isUuid } from '../../core/auth/index.ts';
import { defineMessages, formatDate, inEveryLocale, translator } from '../../core/i18n/index.ts';
import { type ErasureOutcome, isHeld, type PrivacyTables, type SubjectHooks } from '../../core/privacy/index.ts';
import { staffMessages } from './solar.staff.messages.ts';
import { solarSubjectFields } from './solar.subjects.fields.ts';
import type { SolarTables } from './solar.tables.ts';

const OBJECTIONS = 'solar.objections';
const REQUESTS = 'solar.report-requests';
const TABLE = { [OBJECTIONS]: 'solar_objections', [REQUESTS]: 'solar_report_requests' } as const;

/** How a data-subject request names the module's records, German first. */
const summaryMessages = defineMessages({
  objection: {
    de: 'Widerspruch gegen die Anzeige von {building}, eingegangen am {received}',
    en: 'Objection to showing {building}, received on {received}',
  },
  request: { de: '{reference}, {name}: {status}', en: '{reference}, {name}: {status}' },
});

/**
 * What the solar module holds about a person, found by e-mail address (as typed, so compared
 * case-insensitively): objections and requests for the detailed figures. The cadastre itself
 * names no person and is not searched. Erasing an objection deletes who objected, not the
 * blackout: the building stays hidden.
 */
export const solarSubjects: SubjectHooks = {
  fields: solarSubjectFields,
  async find(db, subject) {
    if (!subject.email) return [];
    const email = subject.email.toLowerCase();
    const sdb = db as Kysely<SolarTables>;
    const objections = await sdb
      .selectFrom('solar_objections')
      .select(['id', 'received_at', 'role', 'name', 'email', 'street', 'number', 'postcode', 'town', 'building_gone_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .orderBy('received_at')
      .execute();
    const requests = await sdb
      .selectFrom('solar_report_requests')
      .select([
        'id',
        'reference',
        'received_at',
        'status',
        'role',
        'delivery',
        'name',
        'email',
        'postal_street',
        'postal_postcode',
        'postal_town',
        'postal_country',
        'building_street',
        'building_number',
        'building_postcode',
        'building_town',
        'verified_at',
        'verification_note',
        'sent_at',
        'sent_via',
      ])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .orderBy('received_at')
      .execute();
    return [
      ...objections.map((o) => ({
        activity: OBJECTIONS,
        table: TABLE[OBJECTIONS],
        recordId: String(o.id),
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)('objection', {
            building: `${o.street} ${o.number}`,
            received: formatDate(o.received_at, locale),
          }),
        ),
        data: {
          received: o.received_at,
          role: o.role,
          name: o.name,
          email: o.email,
          building: [`${o.street} ${o.number}`, [o.postcode, o.town].filter(Boolean).join(' ')].filter(Boolean).join(', '),
          buildingGoneFromModel: o.building_gone_at,
        },
      })),
      ...requests.map((r) => ({
        activity: REQUESTS,
        table: TABLE[REQUESTS],
        recordId: r.id,
        // The status in words of the reader's language; its code stays in data.
        summary: inEveryLocale((locale) =>
          translator(summaryMessages, locale)('request', {
            reference: r.reference,
            name: r.name,
            status: translator(staffMessages, locale)(`status.${r.status}`),
          }),
        ),
        data: {
          reference: r.reference,
          received: r.received_at,
          status: r.status,
          role: r.role,
          delivery: r.delivery,
          name: r.name,
          email: r.email,
          postalAddress: [r.postal_street, `${r.postal_postcode} ${r.postal_town}`, r.postal_country].filter(Boolean).join(', '),
          building: [`${r.building_street} ${r.building_number}`, [r.building_postcode, r.building_town].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', '),
          verified: r.verified_at,
          verification: r.verification_note,
          sent: r.sent_at,
          sentVia: r.sent_via,
        },
      })),
    ];
  },

  async erase(db, records, ctx) {
    const now = ctx.clock.now();
    const outcomes: ErasureOutcome[] = [];
    const sdb = db as Kysely<SolarTables>;
    for (const r of records) {
      // The engine asks too; asked again here, so this hook is safe wherever it is called from.
      const hold = await isHeld(db as Kysely<PrivacyTables>, r.table, r.recordId, now);
      if (hold) {
        outcomes.push({
          activity: r.activity,
          table: r.table,
          recordId: r.recordId,
          outcome: 'kept',
          reason: { kind: 'legal-hold', hold: hold.reason, until: hold.until },
        });
        continue;
      }
      if (r.activity === OBJECTIONS) {
        const id = Number(r.recordId);
        // The blackout's link goes (on delete set null); the blackout stays.
        if (Number.isSafeInteger(id)) await sdb.deleteFrom('solar_objections').where('id', '=', id).execute();
      } else if (r.activity === REQUESTS) {
        if (isUuid(r.recordId)) await sdb.deleteFrom('solar_report_requests').where('id', '=', r.recordId).execute();
      } else continue;
      outcomes.push({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' });
    }
    return outcomes;
  },
};
