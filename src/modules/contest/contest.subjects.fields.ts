import { defineMessages } from '../../core/i18n/index.ts';
import { labelledAs, type SubjectFields } from '../../core/privacy/index.ts';

/** How a letter answering an access request names the keys of a contest entry (contest.subjects.ts). */
export const contestFieldMessages = defineMessages({
  draw: { de: 'Gewinnspiel', en: 'Prize draw' },
  firstName: { de: 'Vorname', en: 'First name' },
  lastName: { de: 'Nachname', en: 'Last name' },
  address: { de: 'Anschrift', en: 'Address' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  termsVersion: { de: 'Fassung der Teilnahmebedingungen', en: 'Version of the terms of entry' },
  entered: { de: 'Teilgenommen am', en: 'Entered on' },
  publicationConsent: { de: 'Einwilligung in die Veröffentlichung erteilt am', en: 'Consent to publication given on' },
  prizeHandedOver: { de: 'Gewinn übergeben am', en: 'Prize handed over on' },
});

/** The contest entry's record fields for the letter: labels only, its dates said by the formatter. */
export const contestSubjectFields: SubjectFields = labelledAs(contestFieldMessages, [
  'draw',
  'firstName',
  'lastName',
  'address',
  'email',
  'termsVersion',
  'entered',
  'publicationConsent',
  'prizeHandedOver',
]);
