import type { ModulePrivacy } from '../../core/privacy/index.ts';
import { ACCESSLOG_RETENTION_DAYS, STATS_RETENTION_MONTHS } from './accesslog.constants.ts';
import { aggregatePending } from './accesslog.queries.ts';
import type { AccesslogTables } from './accesslog.tables.ts';

export const accesslogPrivacy: ModulePrivacy = {
  activities: [
    {
      id: 'accesslog.website-use',
      title: { de: 'Nutzung der Website', en: 'Use of this website' },
      purpose: {
        de: 'Betriebsüberwachung (Fehler, Überlast, Angriffe erkennen) und anonyme Zugriffsstatistiken. Eine personenbezogene Auswertung, etwa zur Erstellung von Nutzungsprofilen, findet nicht statt; die Statistiken enthalten keine IP-Adresse und kein anderes Merkmal, das auf Sie verweist: Seiten zählen sie nur unter der Adresse ihres Seitentyps (unbekannte Adressen als „andere“), verweisende Websites nur, wenn es verbreitete Dienste wie Suchmaschinen sind, und was in einem Zeitraum nur selten vorkommt, ebenfalls nur als „andere“.',
        en: 'Monitoring operations (detecting errors, overload and attacks) and anonymous access statistics. The data are never evaluated per person, for example to build usage profiles; the statistics hold no IP address and nothing else that points to you: they count pages only under the address of their kind of page (unknown addresses as "other"), referring sites only when they are widely used services such as search engines, and whatever occurs only rarely in a period also as "other".',
      },
      legalBasis: ['f-legitimate-interests'],
      legalBasisNote: {
        de: 'Unser berechtigtes Interesse ist der sichere und stabile Betrieb der Website.',
        en: 'Our legitimate interest is running the website securely and reliably.',
      },
      dataSubjects: { de: 'Besucherinnen und Besucher der Website', en: 'Visitors of the website' },
      dataCategories: [
        { de: 'IP-Adresse des zugreifenden Systems', en: 'IP address of the accessing system' },
        { de: 'aufrufende Seite (ohne Suchparameter)', en: 'referring page (without query parameters)' },
        { de: 'aufgerufene Seite (ohne Suchparameter)', en: 'requested page (without query parameters)' },
        { de: 'Datum und Uhrzeit', en: 'date and time' },
        { de: 'übertragene Datenmenge', en: 'amount of data sent' },
        { de: 'Statuscode', en: 'status code' },
        { de: 'Browser und Betriebssystem (ohne die vollständige Kennung)', en: 'browser and operating system (not the full identifier)' },
      ],
      personalColumns: [
        'accesslog_entries.occurred_at',
        'accesslog_entries.client_ip',
        'accesslog_entries.method',
        'accesslog_entries.path',
        'accesslog_entries.referrer',
        'accesslog_entries.status',
        'accesslog_entries.bytes_sent',
        'accesslog_entries.browser',
        'accesslog_entries.os',
      ],
      recipients: { roles: ['admin'] },
      source: { de: 'Ihr Browser bei jedem Seitenaufruf', en: 'your browser, with every request' },
      retention: [
        {
          id: 'expire',
          table: 'accesslog_entries',
          start: 'occurred_at',
          startEvent: { de: 'dem Zugriff', en: 'the request' },
          after: { days: ACCESSLOG_RETENTION_DAYS },
          action: { kind: 'delete' },
          // Entries are counted into the anonymous statistics before they go.
          prepare: async (ctx) => {
            await aggregatePending(ctx.db.withTables<AccesslogTables>());
          },
          claims: ['C07'],
        },
        {
          // The figures hold nothing personal (routes, known sites, counts of at least k), but
          // they are not kept for ever either.
          id: 'statistics',
          table: 'accesslog_daily_stats',
          key: 'key',
          start: 'day',
          startEvent: { de: 'dem Tag, den sie zählen (anonyme Statistik)', en: 'the day they count (anonymous statistics)' },
          after: { months: STATS_RETENTION_MONTHS },
          action: { kind: 'delete' },
          claims: ['C08'],
        },
      ],
      claims: ['C05', 'C06', 'C07', 'C08'],
    },
  ],
  personalTables: {
    accesslog_entries: { nonPersonal: ['id', 'source', 'aggregated'] },
  },
};
