import { defineMessages } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';

/** How a letter answering an access request names the keys of the newsletter's records. */
export const newsletterFieldMessages = defineMessages({
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  salutation: { de: 'Anrede', en: 'Salutation' },
  'salutation.ms': { de: 'Frau', en: 'Ms' },
  'salutation.mr': { de: 'Herr', en: 'Mr' },
  name: { de: 'Name', en: 'Name' },
  topics: { de: 'Themen', en: 'Topics' },
  measureOpensAndClicks: { de: 'Öffnungen und Klicks auswerten', en: 'Opens and clicks evaluated' },
  consent: { de: 'Nachweis der Einwilligung', en: 'Proof of consent' },
  requested: { de: 'Angemeldet am', en: 'Signed up on' },
  form: { de: 'Anmeldeformular', en: 'Sign-up form' },
  statementVersion: { de: 'Fassung der Datenschutzerklärung', en: 'Version of the privacy statement' },
  topicsChosen: { de: 'Gewählte Themen', en: 'Topics chosen' },
  confirmed: { de: 'Bestätigt am', en: 'Confirmed on' },
  pendingNewAddress: { de: 'Neue Adresse, noch nicht bestätigt', en: 'New address, not yet confirmed' },
  mailings: { de: 'Versandte Ausgaben', en: 'Issues sent' },
  subject: { de: 'Betreff', en: 'Subject' },
  status: { de: 'Stand', en: 'Status' },
  'status.pending': { de: 'wartet auf Versand', en: 'waiting to be sent' },
  'status.sending': { de: 'wird versandt', en: 'being sent' },
  'status.sent': { de: 'versandt', en: 'sent' },
  'status.failed': { de: 'nicht zugestellt', en: 'not delivered' },
  at: { de: 'Zeitpunkt', en: 'Time' },
  withdrawn: { de: 'Abbestellt am', en: 'Unsubscribed on' },
  channel: { de: 'Auf welchem Weg', en: 'How' },
  'channel.one-click': { de: 'Link in der E-Mail', en: 'link in the e-mail' },
  'channel.preferences': { de: 'Einstellungsseite', en: 'preferences page' },
  'channel.hard-bounce': { de: 'Adresse nicht zustellbar', en: 'address undeliverable' },
  'channel.complaint': { de: 'als Spam gemeldet', en: 'reported as spam' },
  'channel.erasure': { de: 'Löschantrag', en: 'erasure request' },
});

type Key = keyof typeof newsletterFieldMessages;

const plain: readonly Key[] = [
  'email',
  'name',
  'topics',
  'measureOpensAndClicks',
  'consent',
  'requested',
  'form',
  'statementVersion',
  'topicsChosen',
  'confirmed',
  'pendingNewAddress',
  'mailings',
  'subject',
  'at',
  'withdrawn',
];

/** The newsletter's record fields for the letter; topics are said by each record (their names are data). */
export const newsletterSubjectFields: SubjectFields = {
  ...labelledAs(newsletterFieldMessages, plain),
  salutation: { label: newsletterFieldMessages.salutation, values: fieldValues(newsletterFieldMessages, 'salutation') },
  status: { label: newsletterFieldMessages.status, values: fieldValues(newsletterFieldMessages, 'status') },
  channel: { label: newsletterFieldMessages.channel, values: fieldValues(newsletterFieldMessages, 'channel') },
};
