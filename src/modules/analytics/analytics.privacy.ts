import type { ModulePrivacy } from '../../core/privacy/index.ts';

/**
 * The usage analysis keeps no personal data at all – only counts of page-to-page steps – but it
 * reads and writes the browser's storage, which needs consent (§ 25 TDDDG), so it stands in the
 * register and the statement like any other processing.
 */
export const analyticsPrivacy: ModulePrivacy = {
  activities: [
    {
      id: 'analytics.usage',
      title: { de: 'Nutzungsanalyse', en: 'Usage analysis' },
      purpose: {
        de: 'Mit Ihrer Einwilligung zählen wir anonym, welche Seiten in welcher Reihenfolge besucht werden, um die Website verständlicher zu machen. Ohne Einwilligung, bei „Do Not Track“ oder „Global Privacy Control“ und ohne JavaScript wird nichts gezählt. Sie können jederzeit mit Wirkung für die Zukunft widersprechen: [[Widerspruch gegen die Nutzungsanalyse|/datenschutz/nutzungsanalyse]].',
        en: 'With your consent we count anonymously which pages are visited in which order, to make the website easier to use. Without consent, under "Do Not Track" or "Global Privacy Control" and without JavaScript nothing is counted. You can object at any time with effect for the future: [[objecting to usage analysis|/en/privacy/usage-analysis]].',
      },
      legalBasis: ['a-consent'],
      legalBasisNote: {
        de: 'Für das Speichern Ihrer Entscheidung und der zuletzt besuchten Seite im Browser: § 25 Abs. 1 TDDDG (Einwilligung).',
        en: 'For storing your decision and the last page visited in the browser: § 25(1) TDDDG (consent).',
      },
      dataSubjects: { de: 'Besucherinnen und Besucher, die einwilligen', en: 'Visitors who consent' },
      dataCategories: [
        {
          de: 'Paare aus vorheriger und aufgerufener Seite, als Tageszahl – ohne Cookie, IP-Adresse oder Kennung',
          en: 'pairs of previous and requested page, as daily counts – without cookie, IP address or identifier',
        },
      ],
      personalColumns: [],
      recipients: { roles: ['editor', 'marketing', 'communications'] },
      source: { de: 'Ihr Browser, nur nach Einwilligung', en: 'your browser, only after consent' },
      retention: [
        {
          id: 'expire',
          table: 'analytics_transitions',
          start: 'last_counted_at',
          startEvent: { de: 'dem Tag der Zählung', en: 'the day counted' },
          after: { months: 25 },
          action: { kind: 'delete' },
          claims: [],
        },
      ],
      claims: ['C09', 'C10'],
    },
  ],
  personalTables: {},
};
