import type { Config } from '../../core/config/index.ts';
import { defineMessages } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';

/** How a letter answering an access request names the keys of the contact forms' records. */
const fieldMessages = defineMessages({
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  topic: { de: 'Thema', en: 'Topic' },
  salutation: { de: 'Anrede', en: 'Salutation' },
  'salutation.ms': { de: 'Frau', en: 'Ms' },
  'salutation.mr': { de: 'Herr', en: 'Mr' },
  'salutation.none': { de: 'keine', en: 'none' },
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  phone: { de: 'Telefonnummer', en: 'Phone number' },
  customerNumber: { de: 'Kundennummer', en: 'Customer number' },
  concern: { de: 'Ihr Anliegen', en: 'Your concern' },
  received: { de: 'Eingegangen', en: 'Received' },
  status: { de: 'Stand', en: 'Status' },
  'status.open': { de: 'offen', en: 'open' },
  'status.handled': { de: 'abgeschlossen', en: 'handled' },
  answersAndNotes: { de: 'Antworten und Vermerke', en: 'Answers and notes' },
  notes: { de: 'Antworten und Vermerke', en: 'Answers and notes' },
  kind: { de: 'Art', en: 'Kind' },
  'kind.note': { de: 'Vermerk', en: 'Note' },
  'kind.assigned': { de: 'Weitergeleitet', en: 'Forwarded' },
  'kind.answer-mail': { de: 'Antwort per E-Mail', en: 'Answer by e-mail' },
  'kind.answer-letter': { de: 'Antwort per Brief', en: 'Answer by letter' },
  'kind.handled': { de: 'Abgeschlossen', en: 'Handled' },
  'kind.done': { de: 'Erledigt', en: 'Done' },
  at: { de: 'Zeitpunkt', en: 'Time' },
  text: { de: 'Text', en: 'Text' },
  subject: { de: 'Worum es geht', en: 'Subject' },
  preferredFrom: { de: 'Rückruf gewünscht ab', en: 'Callback wished from' },
  preferredTo: { de: 'Rückruf gewünscht bis', en: 'Callback wished until' },
});

type Key = keyof typeof fieldMessages;
const plain: readonly Key[] = [
  'reference',
  'name',
  'email',
  'phone',
  'customerNumber',
  'concern',
  'received',
  'answersAndNotes',
  'notes',
  'at',
  'text',
  'subject',
  'preferredFrom',
  'preferredTo',
];

/** The contact forms' record fields for the letter; a topic is a configured department, said by its name. */
export function contactSubjectFields(config: Config): SubjectFields {
  return {
    ...labelledAs(fieldMessages, plain),
    topic: { label: fieldMessages.topic, values: Object.fromEntries(config.organisation.departments.map((d) => [d.id, d.name])) },
    salutation: { label: fieldMessages.salutation, values: fieldValues(fieldMessages, 'salutation') },
    status: { label: fieldMessages.status, values: fieldValues(fieldMessages, 'status') },
    kind: { label: fieldMessages.kind, values: fieldValues(fieldMessages, 'kind') },
  };
}
