import { defineMessages } from '../i18n/i18n.ts';

export const dsrMessages = defineMessages({
  'form.title': { de: 'Auskunft, Löschung oder Widerspruch', en: 'Access, erasure or objection' },
  'form.intro': {
    de: 'Hier können Sie Auskunft über Ihre Daten verlangen, ihre Löschung beantragen oder einer Verarbeitung widersprechen. Damit niemand in Ihrem Namen fragt, bestätigen Sie die Anfrage über einen Link, den wir Ihnen per E-Mail schicken. Wir antworten innerhalb eines Monats.',
    en: 'Here you can ask what data we hold about you, request its erasure or object to processing. So that nobody asks in your name, you confirm the request through a link we e-mail to you. We answer within one month.',
  },
  'form.kind': { de: 'Ihr Anliegen', en: 'Your request' },
  'kind.access': { de: 'Auskunft über meine Daten (Art. 15 DSGVO)', en: 'Access to my data (Art. 15 GDPR)' },
  'kind.erasure': { de: 'Löschung meiner Daten (Art. 17 DSGVO)', en: 'Erasure of my data (Art. 17 GDPR)' },
  'kind.objection': { de: 'Widerspruch gegen eine Verarbeitung (Art. 21 DSGVO)', en: 'Objection to processing (Art. 21 GDPR)' },
  'form.name': { de: 'Vor- und Nachname', en: 'First and last name' },
  'form.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'form.emailHint': {
    de: 'An diese Adresse schicken wir den Bestätigungslink; nach ihr suchen wir in unseren Daten.',
    en: 'We send the confirmation link to this address and search our data for it.',
  },
  'form.phone': { de: 'Telefonnummer', en: 'Phone number' },
  'form.phoneHint': { de: 'Wenn wir auch nach Ihrer Telefonnummer suchen sollen.', en: 'If we should also search for your phone number.' },
  'form.customerNumber': { de: 'Kundennummer', en: 'Customer number' },
  'form.customerNumberHint': { de: 'Wenn Sie Kundin oder Kunde sind.', en: 'If you are a customer.' },
  'form.message': { de: 'Nachricht', en: 'Message' },
  'form.messageHint': { de: 'Zum Beispiel, welcher Verarbeitung Sie widersprechen.', en: 'For example, which processing you object to.' },
  'form.submit': { de: 'Anfrage senden', en: 'Send request' },
  'sent.title': { de: 'Bitte bestätigen Sie Ihre Anfrage', en: 'Please confirm your request' },
  'sent.text': {
    de: 'Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Erst nach der Bestätigung bearbeiten wir die Anfrage. Ihr Aktenzeichen: {reference}.',
    en: 'We have sent you an e-mail with a confirmation link. We handle the request only after you confirm it. Your reference: {reference}.',
  },
  'confirm.title': { de: 'Anfrage bestätigen', en: 'Confirm request' },
  'confirm.text': { de: 'Bitte bestätigen Sie Ihre Anfrage {reference}.', en: 'Please confirm your request {reference}.' },
  'confirm.button': { de: 'Jetzt bestätigen', en: 'Confirm now' },
  'confirm.done': {
    de: 'Danke, Ihre Anfrage {reference} ist bestätigt. Wir antworten spätestens bis zum {deadline}.',
    en: 'Thank you, your request {reference} is confirmed. We will answer by {deadline} at the latest.',
  },
  'confirm.invalid': {
    de: 'Dieser Bestätigungslink ist ungültig oder wurde schon verwendet. Unbestätigte Anfragen löschen wir nach sieben Tagen.',
    en: 'This confirmation link is invalid or was used already. Unconfirmed requests are deleted after seven days.',
  },
  'mail.subject': {
    de: 'Bitte bestätigen Sie Ihre Datenschutz-Anfrage {reference}',
    en: 'Please confirm your data-protection request {reference}',
  },
  'mail.body': {
    de: 'Guten Tag {name},\n\nüber unsere Website wurde die Anfrage {reference} gestellt. Wenn Sie das waren, bestätigen Sie sie bitte hier:\n\n{link}\n\nWenn nicht, können Sie diese E-Mail ignorieren; die Anfrage wird dann nach sieben Tagen gelöscht.\n\nIhre {org}',
    en: 'Hello {name},\n\nthe request {reference} was made through our website. If it was you, please confirm it here:\n\n{link}\n\nIf not, you can ignore this e-mail; the request will then be deleted after seven days.\n\nYour {org}',
  },
});
