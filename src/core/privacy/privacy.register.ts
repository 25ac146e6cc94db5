import type { Config } from '../config/index.ts';
import { privacySubjects } from './privacy.subjects.ts';
import type { ModulePrivacy } from './register.types.ts';

/** The privacy engine's own processing: the audit log, legal holds, data-subject requests, proof of deletion. */
export function privacyEnginePrivacy(config: Config): ModulePrivacy {
  return {
    activities: [
      {
        id: 'privacy.audit-log',
        title: { de: 'Protokoll der Zugriffe auf personenbezogene Daten', en: 'Log of access to personal data' },
        purpose: {
          de: 'Jeder Lese-, Export-, Änderungs- und Löschzugriff unserer Beschäftigten auf personenbezogene Daten wird protokolliert, damit die Vertraulichkeit nachprüfbar ist.',
          en: 'Every time our staff read, export, change or delete personal data it is logged, so that confidentiality can be verified.',
        },
        legalBasis: ['c-legal-obligation', 'f-legitimate-interests'],
        legalBasisNote: {
          de: 'Art. 5 Abs. 2 und Art. 32 DSGVO verlangen, die Sicherheit der Verarbeitung nachweisen zu können.',
          en: 'Art. 5(2) and Art. 32 GDPR require us to be able to demonstrate the security of processing.',
        },
        dataSubjects: { de: 'Beschäftigte, die auf Daten zugreifen', en: 'Staff who access data' },
        dataCategories: [
          { de: 'Name bzw. E-Mail-Adresse der zugreifenden Person', en: 'name or e-mail address of the person accessing' },
          {
            de: 'Zeitpunkt, Art des Zugriffs, betroffene Datensätze, Begründung bei Exporten, IP-Adresse',
            en: 'time, kind of access, records concerned, reason for exports, IP address',
          },
        ],
        personalColumns: [
          'audit_log.occurred_at',
          'audit_log.staff_id',
          'audit_log.staff_email',
          'audit_log.action',
          'audit_log.record_ids',
          'audit_log.reason',
          'audit_log.ip',
          'audit_log.path',
        ],
        recipients: { roles: ['dpo'] },
        source: { de: 'die Anwendung bei jedem Zugriff', en: 'the application, with every access' },
        retention: [
          {
            id: 'expire',
            table: 'audit_log',
            start: 'occurred_at',
            startEvent: { de: 'dem Zugriff', en: 'the access' },
            after: { days: config.AUDIT_RETENTION_DAYS },
            action: { kind: 'delete' },
            claims: ['C04'],
          },
        ],
        claims: ['C04'],
      },
      {
        id: 'privacy.legal-holds',
        title: { de: 'Aufbewahrung aus einem dokumentierten Grund', en: 'Keeping data for a recorded reason' },
        purpose: {
          de: 'Wenn Daten aus Gründen der Nachweisbarkeit, der Kundenbetreuung oder wegen gesetzlicher Aufbewahrungsfristen länger bleiben müssen, halten wir den Grund und das Ende der Frist fest; danach werden sie gelöscht.',
          en: 'When data must stay longer for proof, customer care or statutory retention periods, we record the reason and the end of that period; afterwards they are deleted.',
        },
        legalBasis: ['c-legal-obligation', 'f-legitimate-interests'],
        dataSubjects: { de: 'Beschäftigte, die eine Aufbewahrung anordnen', en: 'Staff who order data to be kept' },
        dataCategories: [
          { de: 'wer die Aufbewahrung angeordnet oder aufgehoben hat, wann und warum', en: 'who ordered or lifted the hold, when and why' },
        ],
        personalColumns: ['legal_holds.set_by', 'legal_holds.released_by', 'legal_holds.note'],
        recipients: { roles: ['dpo', 'legal'] },
        source: { de: 'die anordnende Person', en: 'the person ordering the hold' },
        retention: [
          {
            id: 'expire',
            table: 'legal_holds',
            start: 'until',
            startEvent: { de: 'dem Ende der Aufbewahrungsfrist', en: 'the end of the hold' },
            after: { years: 1 },
            action: { kind: 'delete' },
            claims: ['C16', 'C22'],
          },
        ],
        claims: ['C16', 'C22'],
      },
      {
        id: 'privacy.subject-requests',
        title: {
          de: 'Anfragen zu Ihren Rechten (Auskunft, Berichtigung, Löschung, Einschränkung, Datenübertragbarkeit, Widerspruch)',
          en: 'Requests about your rights (access, rectification, erasure, restriction, portability, objection)',
        },
        purpose: {
          de: 'Wir beantworten Ihre Anfrage auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit oder Widerspruch innerhalb der gesetzlichen Frist und können später nachweisen, dass und wie wir sie beantwortet haben.',
          en: 'We answer your request for access, rectification, erasure, restriction of processing, portability or objection within the legal deadline and can later prove that and how we answered it.',
        },
        legalBasis: ['c-legal-obligation'],
        legalBasisNote: { de: 'Art. 12 bis 21 DSGVO.', en: 'Art. 12 to 21 GDPR.' },
        dataSubjects: { de: 'Personen, die eine Anfrage stellen', en: 'People who make a request' },
        dataCategories: [
          {
            de: 'Name, E-Mail-Adresse, ggf. Telefonnummer und Kundennummer',
            en: 'name, e-mail address, phone number and customer number if given',
          },
          { de: 'Ihre Nachricht und die Schritte der Bearbeitung', en: 'your message and the steps taken' },
        ],
        personalColumns: [
          'dsr_requests.name',
          'dsr_requests.email',
          'dsr_requests.phone',
          'dsr_requests.customer_number',
          'dsr_requests.message',
          'dsr_requests.created_at',
          'dsr_events.staff_id',
          'dsr_events.detail',
          'dsr_verifications.note',
          'dsr_verifications.staff_id',
          'dsr_requests.extension_reason',
        ],
        recipients: { roles: ['dpo', 'customer-service'] },
        source: { de: 'Sie selbst, über das Anfrageformular', en: 'you, through the request form' },
        retention: [
          {
            id: 'unconfirmed',
            table: 'dsr_requests',
            start: 'created_at',
            startEvent: {
              de: 'der Anfrage, wenn sie nicht per E-Mail bestätigt wurde',
              en: 'the request, if it was not confirmed by e-mail',
            },
            after: { days: 7 },
            where: [{ column: 'status', op: '=', value: 'unconfirmed' }],
            action: { kind: 'delete' },
            claims: [],
          },
          {
            id: 'closed',
            table: 'dsr_requests',
            start: 'closed_at',
            startEvent: { de: 'dem Abschluss der Anfrage (Nachweis der Beantwortung)', en: 'the request was closed (proof of the answer)' },
            after: { years: 3 },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
      {
        id: 'privacy.restrictions',
        title: { de: 'Einschränkung der Verarbeitung', en: 'Restriction of processing' },
        purpose: {
          de: 'Verlangen Sie die Einschränkung der Verarbeitung (Art. 18 DSGVO), vermerken wir, welche Datensätze betroffen sind: Sie bleiben gespeichert, werden aber nicht weiter verarbeitet und nicht nach Frist gelöscht, bis die Einschränkung aufgehoben wird. Wir halten fest, wer sie gesetzt und aufgehoben hat und warum.',
          en: 'When you ask for processing to be restricted (Art. 18 GDPR), we record which records are concerned: they stay stored but are not processed any further and not deleted by retention until the restriction is lifted. We record who set and lifted it and why.',
        },
        legalBasis: ['c-legal-obligation'],
        legalBasisNote: { de: 'Art. 18 DSGVO.', en: 'Art. 18 GDPR.' },
        dataSubjects: {
          de: 'Personen, die die Einschränkung verlangen; Beschäftigte, die sie setzen oder aufheben',
          en: 'People who ask for a restriction; staff who set or lift it',
        },
        dataCategories: [
          {
            de: 'welche Datensätze eingeschränkt sind, der Grund und das Aktenzeichen der Anfrage',
            en: 'which records are restricted, the reason and the reference of the request',
          },
          {
            de: 'wer die Einschränkung gesetzt oder aufgehoben hat, wann und warum',
            en: 'who set or lifted the restriction, when and why',
          },
        ],
        personalColumns: ['restrictions.note', 'restrictions.set_by', 'restrictions.lifted_by', 'restrictions.lift_reason'],
        recipients: { roles: ['dpo'] },
        source: { de: 'Ihre Anfrage und die bearbeitende Person', en: 'your request and the member of staff handling it' },
        retention: [
          {
            id: 'lifted',
            table: 'restrictions',
            start: 'lifted_at',
            startEvent: { de: 'der Aufhebung der Einschränkung (Nachweis)', en: 'the restriction was lifted (proof)' },
            after: { years: 3 },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
      {
        id: 'privacy.breaches',
        title: { de: 'Dokumentation von Datenschutzverletzungen', en: 'Documentation of personal-data breaches' },
        purpose: {
          de: 'Wir dokumentieren jede Verletzung des Schutzes personenbezogener Daten mit ihren Folgen und Abhilfemaßnahmen und entscheiden, ob wir sie der Aufsichtsbehörde melden.',
          en: 'We document every personal-data breach with its effects and the remedial action taken, and decide whether to notify the supervisory authority.',
        },
        legalBasis: ['c-legal-obligation'],
        legalBasisNote: { de: 'Art. 33 Abs. 5 DSGVO.', en: 'Art. 33(5) GDPR.' },
        dataSubjects: {
          de: 'Personen, deren Daten von einer Verletzung betroffen sind; Beschäftigte, die sie dokumentieren',
          en: 'People whose data a breach concerns; staff who document it',
        },
        dataCategories: [
          {
            de: 'Beschreibung des Vorfalls, seine Folgen und die Maßnahmen',
            en: 'description of the incident, its effects and the measures taken',
          },
          {
            de: 'wer den Vorfall dokumentiert und über die Meldung entschieden hat',
            en: 'who documented the incident and decided on notification',
          },
        ],
        personalColumns: [
          'breaches.description',
          'breaches.consequences',
          'breaches.measures',
          'breaches.decision_reason',
          'breaches.recorded_by',
          'breaches.decided_by',
        ],
        recipients: {
          roles: ['dpo'],
          others: [{ de: 'die Aufsichtsbehörde, wenn wir den Vorfall melden', en: 'the supervisory authority, when we notify the breach' }],
        },
        source: { de: 'unsere Beschäftigten und Auftragsverarbeiter', en: 'our staff and processors' },
        retention: [
          {
            id: 'expire',
            table: 'breaches',
            start: 'discovered_at',
            startEvent: {
              de: 'dem Bekanntwerden des Vorfalls (Nachweis gegenüber der Aufsichtsbehörde)',
              en: 'the breach was discovered (proof to the supervisory authority)',
            },
            after: { years: 5 },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
      {
        id: 'privacy.deletion-proof',
        title: { de: 'Nachweis der Löschungen', en: 'Proof of deletion' },
        purpose: {
          de: 'Jeder Löschlauf hält fest, welche Regel wann wie viele Datensätze gelöscht oder anonymisiert hat – nur Zahlen, niemals die Daten selbst.',
          en: 'Every deletion run records which rule deleted or anonymised how many records when – counts only, never the data.',
        },
        legalBasis: ['c-legal-obligation'],
        dataSubjects: { de: 'keine (nur Zählwerte)', en: 'none (counts only)' },
        dataCategories: [],
        personalColumns: [],
        recipients: { roles: ['dpo'] },
        source: { de: 'die Anwendung', en: 'the application' },
        retention: [
          {
            id: 'expire',
            table: 'retention_runs',
            start: 'finished_at',
            startEvent: { de: 'dem Löschlauf', en: 'the deletion run' },
            after: { days: config.DELETION_RECORD_RETENTION_DAYS },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
    ],
    personalTables: {
      audit_log: { nonPersonal: ['id', 'activity'] },
      legal_holds: { nonPersonal: ['id', 'activity', 'table_name', 'record_id', 'reason', 'until', 'set_at', 'released_at'] },
      dsr_requests: {
        nonPersonal: [
          'id',
          'reference',
          'kind',
          'locale',
          'token_hash',
          'confirmed_at',
          'deadline_at',
          'status',
          'closed_at',
          'extended_at',
          'reminded_soon_at',
          'reminded_overdue_at',
        ],
      },
      restrictions: { nonPersonal: ['id', 'activity', 'table_name', 'record_id', 'request_id', 'set_at', 'lifted_at'] },
      breaches: {
        nonPersonal: [
          'id',
          'reference',
          'occurred_at',
          'discovered_at',
          'data_categories',
          'people_affected',
          'decision',
          'decided_at',
          'notified_at',
          'recorded_at',
        ],
      },
      dsr_events: { nonPersonal: ['id', 'request_id', 'occurred_at', 'kind'] },
      dsr_verifications: { nonPersonal: ['request_id', 'identifier', 'method', 'verified_at'] },
      dsr_letter_codes: { nonPersonal: ['request_id', 'code_hash', 'sent_at', 'expires_at', 'failed_attempts', 'used_at'] },
    },
    subjects: privacySubjects,
  };
}
