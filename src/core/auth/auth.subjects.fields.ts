import { defineMessages } from '../i18n/index.ts';
import { labelledAs, type SubjectFields } from '../privacy/index.ts';

/** How a letter answering an access request names the keys of a staff account (auth.subjects.ts). */
export const authFieldMessages = defineMessages({
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  created: { de: 'Zugang angelegt am', en: 'Account created on' },
  lastSignIn: { de: 'Letzte Anmeldung', en: 'Last sign-in' },
});

/** The staff account's record fields for the letter. */
export const authSubjectFields: SubjectFields = labelledAs(authFieldMessages, ['name', 'email', 'created', 'lastSignIn']);
