import { defineMessages, type Locale, translator } from '../../core/i18n/index.ts';

/** A request's history in words: each event kind the code records, with its details. */
export const dsrEventMessages = defineMessages({
  confirmed: { de: 'Anfrage bestätigt', en: 'Request confirmed' },
  'confirmed.portal': { de: 'Anfrage im Kundenportal gestellt (angemeldet)', en: 'Request made in the customer portal (signed in)' },
  verified: { de: 'Angabe geprüft: {identifier}', en: 'Identifier verified: {identifier}' },
  searched: {
    de: 'Suche in allen Modulen: {found} Treffer, {elsewhere} bei anderen Stellen',
    en: 'Search of every module: {found} hits, {elsewhere} held by other roles',
  },
  exported: {
    de: 'Exportiert als {format}: {records} Datensätze. Grund: {reason}',
    en: 'Exported as {format}: {records} records. Reason: {reason}',
  },
  portability: {
    de: 'Daten zur Übertragung bereitgestellt als {format}: {records} Datensätze. Grund: {reason}',
    en: 'Data provided for transfer as {format}: {records} records. Reason: {reason}',
  },
  erased: {
    de: 'Gelöscht: {deleted}, anonymisiert: {anonymised}, wegen Aufbewahrungspflicht behalten: {kept}, bei anderen Stellen: {elsewhere}',
    en: 'Erased: {deleted}, anonymised: {anonymised}, kept under a retention duty: {kept}, held by other roles: {elsewhere}',
  },
  rectified: { de: 'Berichtigt: {fields} Angaben in einem Datensatz', en: 'Rectified: {fields} items of one record' },
  restricted: {
    de: 'Verarbeitung eingeschränkt: {records} Datensätze. Vermerk: {note}',
    en: 'Processing restricted: {records} records. Note: {note}',
  },
  extended: { de: 'Frist verlängert. Grund: {reason}', en: 'Deadline extended. Reason: {reason}' },
  'reminded.overdue': { de: 'Erinnerung: Frist überschritten', en: 'Reminder: deadline passed' },
  'reminded.soon': { de: 'Erinnerung: Frist läuft bald ab', en: 'Reminder: deadline close' },
  'closed.answered': { de: 'Abgeschlossen: beantwortet', en: 'Closed: answered' },
  'closed.rejected': { de: 'Abgeschlossen: abgelehnt', en: 'Closed: rejected' },
  other: { de: 'Sonstiger Vermerk', en: 'Other entry' },
  'identifier.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'identifier.phone': { de: 'Telefonnummer', en: 'Phone number' },
  'identifier.customer-number': { de: 'Kundennummer', en: 'Customer number' },
});

type Detail = Record<string, unknown>;
const count = (v: unknown) => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : 0);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : '–');
const FORMATS: Record<string, string> = { json: 'JSON', pdf: 'PDF', csv: 'CSV' };

/** The event as a sentence; an event kind this code does not know yet still says nothing internal. */
export function dsrEventText(e: { kind: string; detail: unknown }, locale: Locale): string {
  const t = translator(dsrEventMessages, locale);
  const d = ((typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) ?? {}) as Detail;
  const [kind, variant = ''] = e.kind.split(/-(.*)/s);
  switch (kind) {
    case 'confirmed':
      return d.by === 'portal-session' ? t('confirmed.portal') : t('confirmed');
    case 'verified': {
      const identifiers = Object.keys(d).filter((k): k is 'email' | 'phone' | 'customer-number' =>
        ['email', 'phone', 'customer-number'].includes(k),
      );
      return t('verified', { identifier: identifiers.map((i) => t(`identifier.${i}`)).join(', ') || '–' });
    }
    case 'searched':
      return t('searched', { found: count(d.found), elsewhere: count(d.withOtherRoles) });
    case 'exported':
    case 'portability':
      return t(kind, { format: FORMATS[variant] ?? variant.toUpperCase(), records: count(d.records), reason: text(d.reason) });
    case 'erased':
      return t('erased', {
        deleted: count(d.deleted),
        anonymised: count(d.anonymised),
        kept: count(d.kept),
        elsewhere: count(d.withOtherRoles),
      });
    case 'rectified':
      return t('rectified', { fields: count(d.fields) });
    case 'restricted':
      return t('restricted', { records: count(d.records), note: text(d.note) });
    case 'extended':
      return t('extended', { reason: text(d.reason) });
    case 'reminded':
      return d.overdue ? t('reminded.overdue') : t('reminded.soon');
    case 'closed':
      return d.status === 'rejected' ? t('closed.rejected') : t('closed.answered');
    default:
      return t('other');
  }
}
