import type { Config } from '../../core/config/index.ts';
import { defineMessages, type Localized } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';
import { careersMessages } from './careers.messages.ts';

/** How a letter answering an access request names the keys of an application (careers.subjects.ts). */
export const careersFieldMessages = defineMessages({
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  position: { de: 'Stelle', en: 'Position' },
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  phone: { de: 'Telefonnummer', en: 'Phone number' },
  answers: { de: 'Angaben im Bewerbungsformular', en: 'Details in the application form' },
  message: { de: 'Anschreiben', en: 'Covering letter' },
  received: { de: 'Eingegangen', en: 'Received' },
  status: { de: 'Stand', en: 'Status' },
  notes: { de: 'Vermerke', en: 'Notes' },
  kind: { de: 'Art', en: 'Kind' },
  'kind.note': { de: 'Vermerk', en: 'Note' },
  'kind.status': { de: 'Stand geändert', en: 'Status changed' },
  'kind.forwarded': { de: 'Weitergeleitet', en: 'Forwarded' },
  'kind.mail': { de: 'E-Mail gesendet', en: 'E-mail sent' },
  'kind.exported': { de: 'An die Personalverwaltung übergeben', en: 'Handed over to personnel administration' },
  at: { de: 'Zeitpunkt', en: 'Time' },
  text: { de: 'Text', en: 'Text' },
  attachments: { de: 'Anhänge', en: 'Attachments' },
});

/**
 * The application's record fields for the letter. The form's own questions come from the
 * configuration (each category's fields): their labels and, for a choice, its options in words.
 */
export function careersSubjectFields(config: Config): SubjectFields {
  const questions: Record<string, { label: Localized; values: Record<string, Localized> }> = {};
  for (const field of config.organisation.careers.categories.flatMap((c) => c.fields)) {
    const known = questions[field.id];
    const values = Object.fromEntries(field.options.map((o) => [o.value, o.label]));
    questions[field.id] = { label: known?.label ?? field.label, values: { ...values, ...known?.values } };
  }
  return {
    ...questions,
    ...labelledAs(careersFieldMessages, [
      'reference',
      'position',
      'name',
      'email',
      'phone',
      'answers',
      'message',
      'received',
      'notes',
      'at',
      'text',
      'attachments',
    ]),
    status: { label: careersFieldMessages.status, values: fieldValues(careersMessages, 'state') },
    kind: { label: careersFieldMessages.kind, values: fieldValues(careersFieldMessages, 'kind') },
  };
}
