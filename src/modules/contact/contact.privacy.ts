import { departmentRole, type Role } from '../../core/auth/index.ts';
import type { Config } from '../../core/config/index.ts';
import type { Localized } from '../../core/i18n/index.ts';
import type { ModulePrivacy, ProcessingActivity, RetentionRule } from '../../core/privacy/index.ts';
import { ACTIVITY } from './contact.forms.ts';
import { contactSubjectFields } from './contact.subjects.fields.ts';
import { contactSubjects } from './contact.subjects.ts';
import type { RequestKind } from './contact.tables.ts';

const DEPARTMENT = 'department:';

/** The department a role stands for: `department:grid` sees the requests whose topic is `grid`. */
function topicOfRole(role: Role): string | null {
  return role.startsWith(DEPARTMENT) ? role.slice(DEPARTMENT.length) : null;
}

const handledStart: Localized = { de: 'dem Abschluss der Bearbeitung', en: 'the request has been handled' };

/** Handled requests go at once, unless a recorded legal hold keeps one (C16, C22). */
function handledRule(kind: RequestKind, claim: string): RetentionRule {
  return {
    id: 'handled',
    table: 'contact_requests',
    start: 'handled_at',
    startEvent: handledStart,
    after: { days: 0 },
    where: [{ column: 'kind', op: '=', value: kind }],
    action: { kind: 'delete' },
    holdable: true,
    claims: [claim],
  };
}

const requestColumns = ['salutation', 'name', 'email', 'concern', 'created_at', 'assigned_to'].map((c) => `contact_requests.${c}`);
const eventColumns = ['contact_events.staff_id', 'contact_events.body'];

const keptUntilHandled: Localized = {
  de: 'Solange Ihre Nachricht nicht abschließend bearbeitet ist, bleibt sie gespeichert, damit sie nicht verloren geht. Antworten und interne Bearbeitungsvermerke gehören zur Nachricht und werden mit ihr gelöscht. Eine Antwort per E-Mail oder Brief bleibt danach noch so lange in unserem Postausgang, wie unter „Versand von E-Mails“ und „Briefe“ beschrieben.',
  en: 'As long as your message has not been finally handled it stays stored, so that it is not lost. Answers and internal notes belong to the message and are deleted with it. An answer by e-mail or letter then stays in our outbox as long as described under “Sending e-mail” and “Letters”.',
};

function officerActivity(
  kind: 'dpo' | 'equal-treatment',
  role: Role,
  claim: string,
  texts: { title: Localized; purpose: Localized; basis: ProcessingActivity['legalBasis']; basisNote: Localized },
): ProcessingActivity {
  return {
    id: ACTIVITY[kind],
    title: texts.title,
    purpose: texts.purpose,
    legalBasis: texts.basis,
    legalBasisNote: texts.basisNote,
    dataSubjects: { de: 'Personen, die uns über das Formular schreiben', en: 'People who write to us through the form' },
    dataCategories: [
      { de: 'Anrede, Name und E-Mail-Adresse', en: 'salutation, name and e-mail address' },
      { de: 'Ihr Anliegen', en: 'your concern' },
      { de: 'die Antwort und Bearbeitungsvermerke', en: 'the answer and notes on handling it' },
    ],
    personalColumns: [...requestColumns, ...eventColumns],
    // Only the officer: not the administration, not the management.
    recipients: { roles: [role] },
    source: { de: 'Sie selbst, über das Kontaktformular', en: 'you, through the contact form' },
    retention: [handledRule(kind, claim)],
    notes: [keptUntilHandled],
    claims: ['C20', 'C21', 'C22'],
  };
}

/**
 * The contact forms' processing. The general form goes to one department per topic: every
 * department's role is a recipient, and the row scope on `topic` narrows each to its own
 * requests (decision 003). The register therefore depends on the configured departments.
 */
export function contactPrivacy(config: Config): ModulePrivacy {
  const departments = config.organisation.departments.map((d) => departmentRole(d.id));
  return {
    activities: [
      {
        id: ACTIVITY.general,
        title: { de: 'Kontaktformular', en: 'Contact form' },
        purpose: {
          de: 'Wir beantworten Ihre Nachricht. Sie geht an die Abteilung, die für das von Ihnen gewählte Thema zuständig ist, und wird nur dafür verwendet, Ihr Anliegen zu bearbeiten.',
          en: 'We answer your message. It goes to the department responsible for the topic you chose and is used only to handle your concern.',
        },
        legalBasis: ['b-contract', 'f-legitimate-interests'],
        legalBasisNote: {
          de: 'Betrifft Ihre Nachricht einen Vertrag mit uns oder dessen Anbahnung, ist Rechtsgrundlage Art. 6 Abs. 1 lit. b DSGVO; sonst unser berechtigtes Interesse, Anfragen zu beantworten.',
          en: 'Where your message concerns a contract with us or steps towards one, the legal basis is Art. 6(1)(b) GDPR; otherwise our legitimate interest in answering enquiries.',
        },
        dataSubjects: { de: 'Personen, die uns über das Kontaktformular schreiben', en: 'People who write to us through the contact form' },
        dataCategories: [
          { de: 'Anrede, Name und E-Mail-Adresse', en: 'salutation, name and e-mail address' },
          { de: 'Thema und Ihr Anliegen', en: 'topic and your concern' },
          { de: 'freiwillig: Telefonnummer und Kundennummer', en: 'optionally: phone number and customer number' },
          { de: 'unsere Antwort und Bearbeitungsvermerke', en: 'our answer and notes on handling it' },
        ],
        personalColumns: [...requestColumns, 'contact_requests.phone', 'contact_requests.customer_number', ...eventColumns],
        recipients: { roles: departments, scope: { column: 'topic', valueFor: topicOfRole } },
        source: { de: 'Sie selbst, über das Kontaktformular', en: 'you, through the contact form' },
        retention: [handledRule('general', 'C16')],
        notes: [
          {
            de: 'Jede Abteilung sieht nur die Nachrichten zu ihrem eigenen Thema; andere Abteilungen und die Administration sehen sie nicht.',
            en: 'Each department sees only the messages on its own topic; other departments and the administrators do not see them.',
          },
          keptUntilHandled,
        ],
        claims: ['C13', 'C14', 'C15', 'C16'],
      },
      {
        id: ACTIVITY.callback,
        title: { de: 'Rückrufservice', en: 'Callback service' },
        purpose: {
          de: 'Unser Kundenservice ruft Sie zur gewünschten Zeit einmal zurück. Ihre Angaben verwenden wir nur für diesen Rückruf.',
          en: 'Our customer service calls you back once at the time you chose. We use your details only for this call.',
        },
        legalBasis: ['b-contract', 'f-legitimate-interests'],
        legalBasisNote: {
          de: 'Betrifft der Rückruf einen Vertrag mit uns oder dessen Anbahnung, ist Rechtsgrundlage Art. 6 Abs. 1 lit. b DSGVO; sonst unser berechtigtes Interesse, Anfragen zu beantworten.',
          en: 'Where the call concerns a contract with us or steps towards one, the legal basis is Art. 6(1)(b) GDPR; otherwise our legitimate interest in answering enquiries.',
        },
        dataSubjects: { de: 'Personen, die einen Rückruf wünschen', en: 'People who ask for a callback' },
        dataCategories: [
          { de: 'Name und Telefonnummer', en: 'name and phone number' },
          { de: 'gewünschter Tag und gewünschte Uhrzeit', en: 'preferred day and time' },
          { de: 'freiwillig: worum es geht', en: 'optionally: what it is about' },
          { de: 'Vermerke des Kundenservice', en: 'notes of customer service' },
        ],
        personalColumns: [
          ...['name', 'phone', 'subject', 'slot_start', 'slot_end', 'created_at', 'assigned_to'].map((c) => `contact_callbacks.${c}`),
          ...eventColumns,
        ],
        recipients: { roles: ['customer-service'] },
        source: { de: 'Sie selbst, über das Rückrufformular', en: 'you, through the callback form' },
        retention: [
          {
            id: 'done',
            table: 'contact_callbacks',
            start: 'done_at',
            startEvent: { de: 'dem Rückruf', en: 'the call has been made' },
            after: { days: 0 },
            action: { kind: 'delete' },
            claims: ['C19'],
          },
          {
            // A call that could not happen within weeks of the wished time is of no more use.
            id: 'lapsed',
            table: 'contact_callbacks',
            start: 'slot_end',
            startEvent: {
              de: 'der gewünschten Rückrufzeit, wenn wir Sie bis dahin nicht erreicht haben',
              en: 'the time you chose, if we have not reached you by then',
            },
            after: { days: 30 },
            where: [{ column: 'done_at', op: 'is null' }],
            action: { kind: 'delete' },
            claims: ['C19'],
          },
        ],
        claims: ['C17', 'C18', 'C19'],
      },
      officerActivity('dpo', 'dpo', 'C22', {
        title: { de: 'Kontaktformular der Datenschutzbeauftragten', en: 'Contact form of the data-protection officer' },
        purpose: {
          de: 'Unsere Datenschutzbeauftragte beantwortet Ihre Frage oder geht Ihrem Hinweis nach. Die Nachricht erreicht nur sie und wird nur für dieses Anliegen verwendet.',
          en: 'Our data-protection officer answers your question or looks into what you tell her. The message reaches only her and is used only for this concern.',
        },
        basis: ['c-legal-obligation'],
        basisNote: {
          de: 'Nach Art. 38 Abs. 4 DSGVO können Sie die Datenschutzbeauftragte zu allen Fragen im Zusammenhang mit Ihren Daten zu Rate ziehen; sie ist zur Verschwiegenheit verpflichtet (Art. 38 Abs. 5 DSGVO, § 6 Abs. 5 BDSG).',
          en: 'Under Art. 38(4) GDPR you may contact the data-protection officer on every question about your data; she is bound to secrecy (Art. 38(5) GDPR, § 6(5) BDSG).',
        },
      }),
      officerActivity('equal-treatment', 'equal-treatment', 'C22', {
        title: { de: 'Kontaktformular der Gleichstellungsbeauftragten', en: 'Contact form of the equal-treatment officer' },
        purpose: {
          de: 'Unsere Gleichstellungsbeauftragte beantwortet Ihre Frage oder geht Ihrem Hinweis nach. Die Nachricht erreicht nur sie und wird nur für dieses Anliegen verwendet.',
          en: 'Our equal-treatment officer answers your question or looks into what you tell her. The message reaches only her and is used only for this concern.',
        },
        basis: ['f-legitimate-interests'],
        basisNote: {
          de: 'Unser berechtigtes Interesse ist eine vertrauliche Anlaufstelle für Fragen der Gleichstellung.',
          en: 'Our legitimate interest is a confidential point of contact for questions of equal treatment.',
        },
      }),
    ],
    personalTables: {
      contact_requests: { nonPersonal: ['id', 'reference', 'kind', 'topic', 'locale', 'status', 'handled_at'] },
      contact_callbacks: { nonPersonal: ['id', 'reference', 'locale', 'done_at'] },
      contact_events: { nonPersonal: ['id', 'request_id', 'callback_id', 'occurred_at', 'kind', 'document_id'] },
    },
    subjects: { ...contactSubjects, fields: contactSubjectFields(config) },
  };
}
