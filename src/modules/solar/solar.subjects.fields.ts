import { defineMessages } from '../../core/i18n/index.ts';
import { fieldValues, labelledAs, type SubjectFields } from '../../core/privacy/index.ts';
import { staffMessages } from './solar.staff.messages.ts';

/** How a letter answering an access request names the keys of objections and report requests (solar.subjects.ts). */
export const solarFieldMessages = defineMessages({
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  received: { de: 'Eingegangen', en: 'Received' },
  status: { de: 'Stand', en: 'Status' },
  role: { de: 'Sie sind', en: 'You are' },
  delivery: { de: 'Gewünschter Versand', en: 'Delivery asked for' },
  name: { de: 'Name', en: 'Name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  postalAddress: { de: 'Postanschrift', en: 'Postal address' },
  building: { de: 'Gebäude', en: 'Building' },
  buildingGoneFromModel: { de: 'Gebäude nicht mehr im Solarkataster seit', en: 'Building no longer in the solar map since' },
  verified: { de: 'Geprüft am', en: 'Checked on' },
  verification: { de: 'Vermerk zur Prüfung', en: 'Note on the check' },
  sent: { de: 'Verschickt am', en: 'Sent on' },
  sentVia: { de: 'Verschickt per', en: 'Sent by' },
});

/** The solar module's record fields for the letter; role, status and delivery in the staff pages' words. */
export const solarSubjectFields: SubjectFields = {
  ...labelledAs(solarFieldMessages, [
    'reference',
    'received',
    'name',
    'email',
    'postalAddress',
    'building',
    'buildingGoneFromModel',
    'verified',
    'verification',
    'sent',
  ]),
  status: { label: solarFieldMessages.status, values: fieldValues(staffMessages, 'status') },
  role: { label: solarFieldMessages.role, values: fieldValues(staffMessages, 'role') },
  delivery: { label: solarFieldMessages.delivery, values: fieldValues(staffMessages, 'delivery') },
  sentVia: { label: solarFieldMessages.sentVia, values: fieldValues(staffMessages, 'delivery') },
};
