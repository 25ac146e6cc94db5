import { defineMessages } from '../../core/i18n/index.ts';

/** The words a letter answering an access request uses for values of any module (gdpr.record-fields.ts). */
export const recordFieldMessages = defineMessages({
  'value.yes': { de: 'Ja', en: 'Yes' },
  'value.no': { de: 'Nein', en: 'No' },
  'value.none': { de: '–', en: '–' },
  'value.euros': { de: '{amount} €', en: '€{amount}' },
});
