import { defineMessages } from '../../core/i18n/index.ts';
import { MAX_SEGMENTS } from './sms.segments.ts';

export const smsMessages = defineMessages({
  menu: { de: 'Kostenlose SMS', en: 'Free SMS' },
  title: { de: 'Kostenlose SMS versenden', en: 'Send a free text message' },
  intro: {
    de: 'Als Kundin oder Kunde versenden Sie bis zu {limit} SMS am Tag kostenlos. An unseren SMS-Dienstleister geben wir nur die Rufnummer und den Text weiter. Gegen Missbrauch speichern wir zu jeder SMS Ihre Kundennummer, den Zeitpunkt und Ihre IP-Adresse für {days} Tage.',
    en: 'As a customer you can send up to {limit} text messages a day free of charge. We pass only the number and the text to our SMS provider. Against abuse we keep your customer number, the time and your IP address of every message for {days} days.',
  },
  left: { de: 'Heute noch {left} von {limit} SMS.', en: '{left} of {limit} messages left today.' },
  none: {
    de: 'Ihre {limit} SMS für heute sind verbraucht. Morgen geht es weiter.',
    en: 'Your {limit} messages for today are used up. More tomorrow.',
  },
  unavailable: { de: 'Der SMS-Versand ist derzeit nicht eingerichtet.', en: 'Sending text messages is not set up at the moment.' },
  recipient: { de: 'Rufnummer des Empfängers', en: "Recipient's number" },
  recipientHint: {
    de: 'Mobilnummer, zum Beispiel 0171 2345678 oder +43 664 1234567.',
    en: 'Mobile number, for example +49 171 2345678 or 0171 2345678 (German).',
  },
  text: { de: 'Text', en: 'Text' },
  textHint: {
    de: 'Bis zu {max} SMS-Teile: je Teil 160 Zeichen (153 bei mehreren Teilen), mit Emojis oder Zeichen außerhalb des GSM-Alphabets 70 (67).',
    en: 'Up to {max} SMS parts: 160 characters each (153 when there are several), with emojis or characters outside the GSM alphabet 70 (67).',
  },
  // The encoding (GSM-7 or UCS-2) is the phone network's word; the hint says in plain words what it costs.
  counter: { de: '{units} Zeichen · {segments} SMS-Teil(e)', en: '{units} characters · {segments} SMS part(s)' },
  submit: { de: 'SMS senden', en: 'Send' },
  sent: {
    de: 'Ihre SMS an {recipient} ist verschickt. Heute noch {left} von {limit}.',
    en: 'Your message to {recipient} is sent. {left} of {limit} left today.',
  },
  queued: {
    de: 'Ihre SMS an {recipient} liegt im Postausgang; der Dienstleister ist gerade nicht erreichbar, wir versuchen es gleich noch einmal. Heute noch {left} von {limit}.',
    en: 'Your message to {recipient} is in the outbox; the provider cannot be reached right now, we will try again shortly. {left} of {limit} left today.',
  },
  limit: {
    de: 'Sie haben heute schon {limit} SMS versendet. Morgen können Sie wieder SMS versenden.',
    en: 'You have sent {limit} messages today already. You can send more tomorrow.',
  },
  'error.recipient': {
    de: 'Bitte geben Sie eine gültige deutsche Mobilnummer an, zum Beispiel 0171 2345678. Festnetz-, Sonder- und ausländische Nummern erreicht die kostenlose SMS nicht.',
    en: 'Please enter a valid German mobile number, for example +49 171 2345678. The free SMS does not reach landline, premium-rate or foreign numbers.',
  },
  'error.empty': { de: 'Bitte geben Sie einen Text ein.', en: 'Please enter a text.' },
  'error.control': {
    de: 'Der Text enthält Steuerzeichen, die ein Telefon nicht anzeigt.',
    en: 'The text contains control characters a phone cannot show.',
  },
  'error.tooLong': {
    de: `Der Text ist zu lang: höchstens ${MAX_SEGMENTS} SMS-Teile.`,
    en: `The text is too long: at most ${MAX_SEGMENTS} SMS parts.`,
  },

  'staff.title': { de: 'SMS-Missbrauchsnachweis für Behörden', en: 'SMS abuse record for authorities' },
  'staff.intro': {
    de: 'Auf eine Strafanzeige hin geben wir den Nachweis (Kundennummer, Zeitpunkt, IP-Adresse) für eine Kundennummer und einen Zeitraum an die Behörde heraus. Jede Herausgabe wird mit Aktenzeichen im Zugriffsprotokoll vermerkt. Einträge werden nach {days} Tagen gelöscht.',
    en: 'Upon a criminal complaint we hand the record (customer number, time, IP address) for a customer number and a period to the authority. Every hand-over is logged with its case reference. Entries are deleted after {days} days.',
  },
  'staff.customerNumber': { de: 'Kundennummer', en: 'Customer number' },
  'staff.from': { de: 'Von (Tag)', en: 'From (day)' },
  'staff.to': { de: 'Bis (Tag)', en: 'To (day)' },
  'staff.caseReference': { de: 'Aktenzeichen der Behörde', en: "Authority's case reference" },
  'staff.caseHint': {
    de: 'Ohne Aktenzeichen keine Herausgabe; es steht in der Datei und im Zugriffsprotokoll.',
    en: 'No hand-over without a case reference; it goes into the file and the access log.',
  },
  'staff.submit': { de: 'Nachweis als CSV exportieren', en: 'Export the record as CSV' },
  'staff.range': { de: '„Bis“ darf nicht vor „Von“ liegen.', en: '“To” must not be before “From”.' },
  'staff.date': { de: 'Bitte geben Sie einen Tag an (JJJJ-MM-TT).', en: 'Please enter a day (YYYY-MM-DD).' },
});
