import { defineMessages } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';
import { sponsoringMessages } from './sponsoring.messages.ts';
import { sponsoringStaffMessages } from './sponsoring.staff.messages.ts';

/** How a letter answering an access request names the keys of a voter's and a project's records (sponsoring.privacy.ts). */
export const sponsoringFieldMessages = defineMessages({
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  salutation: { de: 'Anrede', en: 'Salutation' },
  firstName: { de: 'Vorname', en: 'First name' },
  lastName: { de: 'Nachname', en: 'Last name' },
  registered: { de: 'Zur Abstimmung angemeldet am', en: 'Registered to vote on' },
  title: { de: 'Projekt', en: 'Project' },
  description: { de: 'Beschreibung', en: 'Description' },
  amountCents: { de: 'Beantragter Förderbetrag', en: 'Amount applied for' },
  sponsor: { de: 'Träger', en: 'Sponsor' },
  contact: { de: 'Ansprechperson', en: 'Contact person' },
  status: { de: 'Stand', en: 'Status' },
  decisionReason: { de: 'Begründung der Entscheidung', en: 'Reason for the decision' },
  submitted: { de: 'Beworben am', en: 'Applied on' },
});

/** The sponsoring records' fields for the letter; salutation and status in the words the pages use. */
export const sponsoringSubjectFields: SubjectFields = {
  ...labelledAs(sponsoringFieldMessages, [
    'email',
    'firstName',
    'lastName',
    'registered',
    'title',
    'description',
    'sponsor',
    'contact',
    'decisionReason',
    'submitted',
  ]),
  salutation: { label: sponsoringFieldMessages.salutation, values: fieldValues(sponsoringMessages, 'salutation') },
  amountCents: { label: sponsoringFieldMessages.amountCents, cents: true },
  status: { label: sponsoringFieldMessages.status, values: fieldValues(sponsoringStaffMessages, 'status') },
};
