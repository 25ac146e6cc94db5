import type { Config } from '../config/config.ts';
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
          de: 'Anfragen zu Ihren Rechten (Auskunft, Löschung, Widerspruch)',
          en: 'Requests about your rights (access, erasure, objection)',
        },
        purpose: {
          de: 'Wir beantworten Ihre Anfrage auf Auskunft, Löschung oder Widerspruch und können später nachweisen, dass und wie wir sie beantwortet haben.',
          en: 'We answer your request for access, erasure or objection and can later prove that and how we answered it.',
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
        nonPersonal: ['id', 'reference', 'kind', 'locale', 'token_hash', 'confirmed_at', 'deadline_at', 'status', 'closed_at'],
      },
      dsr_events: { nonPersonal: ['id', 'request_id', 'occurred_at', 'kind'] },
      dsr_verifications: { nonPersonal: ['request_id', 'identifier', 'method', 'verified_at'] },
      dsr_letter_codes: { nonPersonal: ['request_id', 'code_hash', 'sent_at', 'expires_at', 'failed_attempts', 'used_at'] },
    },
    subjects: privacySubjects,
  };
}
