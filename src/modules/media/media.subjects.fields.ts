import { defineMessages } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';
import { mediaMessages } from './media.messages.ts';

/** How a letter answering an access request names the keys of a takedown request (media.subjects.ts). */
export const mediaFieldMessages = defineMessages({
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  picture: { de: 'Bild', en: 'Picture' },
  wish: { de: 'Ihr Wunsch', en: 'Your wish' },
  details: { de: 'Ihre Erläuterung', en: 'Your explanation' },
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  received: { de: 'Eingegangen', en: 'Received' },
  handled: { de: 'Bearbeitet am', en: 'Handled on' },
  outcome: { de: 'Ergebnis', en: 'Outcome' },
  'outcome.removed': { de: 'Bild entfernt', en: 'picture removed' },
  'outcome.pixelated': { de: 'Bereiche verpixelt', en: 'areas pixelated' },
  'outcome.blurred': { de: 'Bereiche weichgezeichnet', en: 'areas blurred' },
  'outcome.closed': { de: 'abgeschlossen', en: 'closed' },
});

/** The takedown request's record fields for the letter; the wish in the words the form offered it. */
export const mediaSubjectFields: SubjectFields = {
  ...labelledAs(mediaFieldMessages, ['reference', 'picture', 'details', 'name', 'email', 'received', 'handled']),
  wish: { label: mediaFieldMessages.wish, values: fieldValues(mediaMessages, 'wish') },
  outcome: { label: mediaFieldMessages.outcome, values: fieldValues(mediaFieldMessages, 'outcome') },
};
