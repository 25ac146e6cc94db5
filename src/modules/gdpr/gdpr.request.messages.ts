import { defineMessages } from '../../core/i18n/index.ts';

export const dsrMessages = defineMessages({
  'form.title': { de: 'Ihre Datenschutzrechte wahrnehmen', en: 'Exercise your privacy rights' },
  'form.intro': {
    de: 'Hier können Sie Auskunft über Ihre Daten verlangen, falsche Daten berichtigen, Ihre Daten löschen oder ihre Verarbeitung einschränken lassen, Ihre Daten in einem maschinenlesbaren Format erhalten oder einer Verarbeitung widersprechen. Damit niemand in Ihrem Namen fragt, bestätigen Sie die Anfrage über einen Link, den wir Ihnen per E-Mail schicken. Wir antworten innerhalb eines Monats.',
    en: 'Here you can ask what data we hold about you, have wrong data corrected, have your data erased or its processing restricted, receive your data in a machine-readable format, or object to processing. So that nobody asks in your name, you confirm the request through a link we e-mail to you. We answer within one month.',
  },
  'form.kind': { de: 'Ihr Anliegen', en: 'Your request' },
  'kind.access': { de: 'Auskunft über meine Daten (Art. 15 DSGVO)', en: 'Access to my data (Art. 15 GDPR)' },
  'kind.erasure': { de: 'Löschung meiner Daten (Art. 17 DSGVO)', en: 'Erasure of my data (Art. 17 GDPR)' },
  'kind.rectification': { de: 'Berichtigung falscher Daten (Art. 16 DSGVO)', en: 'Rectification of wrong data (Art. 16 GDPR)' },
  'kind.restriction': { de: 'Einschränkung der Verarbeitung (Art. 18 DSGVO)', en: 'Restriction of processing (Art. 18 GDPR)' },
  'kind.portability': {
    de: 'Meine Daten maschinenlesbar erhalten (Datenübertragbarkeit, Art. 20 DSGVO)',
    en: 'Receive my data machine-readable (portability, Art. 20 GDPR)',
  },
  'kind.objection': { de: 'Widerspruch gegen eine Verarbeitung (Art. 21 DSGVO)', en: 'Objection to processing (Art. 21 GDPR)' },
  'form.messageNeeded': {
    de: 'Bitte schreiben Sie unter „Nachricht“, welche Angaben falsch sind und wie sie richtig lauten.',
    en: 'Please write under “Message” which details are wrong and what they should be.',
  },
  'form.name': { de: 'Vor- und Nachname', en: 'First and last name' },
  'form.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'form.emailHint': {
    de: 'An diese Adresse schicken wir den Bestätigungslink; nach ihr suchen wir in unseren Daten.',
    en: 'We send the confirmation link to this address and search our data for it.',
  },
  'form.phone': { de: 'Telefonnummer', en: 'Phone number' },
  'form.phoneHint': {
    de: 'Wenn wir auch nach Ihrer Telefonnummer suchen sollen. Wir beziehen sie ein, sobald wir geprüft haben, dass sie Ihnen gehört.',
    en: 'If we should also search for your phone number. We include it once we have checked that it is yours.',
  },
  'form.customerNumber': { de: 'Kundennummer', en: 'Customer number' },
  'form.customerNumberHint': {
    de: 'Wenn Sie Kundin oder Kunde sind. Wir schicken dann einen Code per Brief an die Anschrift zu dieser Kundennummer; erst mit ihm beziehen wir Ihre Vertragsdaten ein. Schneller geht es angemeldet im Kundenportal.',
    en: 'If you are a customer. We then send a code by letter to the address on file for this customer number; only with it do we include your contract data. It is quicker signed in to the customer portal.',
  },
  'form.message': { de: 'Nachricht', en: 'Message' },
  'form.messageHint': {
    de: 'Zum Beispiel, welche Angaben falsch sind und wie sie richtig lauten (bei einer Berichtigung nötig), welche Verarbeitung Sie einschränken lassen möchten oder welcher Sie widersprechen.',
    en: 'For example, which details are wrong and what they should be (needed for a rectification), which processing you want restricted or which you object to.',
  },
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
  'confirm.letter': {
    de: 'Sie haben eine Kundennummer angegeben. Wenn sie zu einem Vertrag gehört, schicken wir Ihnen einen Code per Brief an die Anschrift, die wir dazu haben. Geben Sie ihn unter „Code aus dem Brief eingeben“ ein; erst dann beziehen wir die Daten zu dieser Kundennummer ein.',
    en: 'You gave a customer number. If it belongs to a contract, we send you a code by letter to the address we hold for it. Enter it under “Enter the code from the letter”; only then do we include the data for this customer number.',
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
    de: 'Guten Tag,\n\nüber unsere Website wurde die Anfrage {reference} gestellt. Wenn Sie das waren, bestätigen Sie sie bitte hier:\n\n{link}\n\nWenn nicht, können Sie diese E-Mail ignorieren; die Anfrage wird dann nach sieben Tagen gelöscht.\n\nIhre {org}',
    en: 'Hello,\n\nthe request {reference} was made through our website. If it was you, please confirm it here:\n\n{link}\n\nIf not, you can ignore this e-mail; the request will then be deleted after seven days.\n\nYour {org}',
  },
  'code.title': { de: 'Code aus dem Brief eingeben', en: 'Enter the code from the letter' },
  'code.intro': {
    de: 'Mit dem Code aus unserem Brief bestätigen Sie, dass die Kundennummer Ihrer Anfrage Ihnen gehört. Sie haben fünf Versuche.',
    en: 'With the code from our letter you confirm that the customer number of your request is yours. You have five tries.',
  },
  'code.reference': { de: 'Aktenzeichen der Anfrage', en: 'Reference of the request' },
  'code.referenceHint': { de: 'Es steht im Brief, zum Beispiel DS-2026-7KQ4M2.', en: 'It is in the letter, for example DS-2026-7KQ4M2.' },
  'code.code': { de: 'Code', en: 'Code' },
  'code.submit': { de: 'Code bestätigen', en: 'Confirm code' },
  'code.done': {
    de: 'Danke, der Code ist bestätigt. Wir beziehen jetzt auch die Daten zu Ihrer Kundennummer ein.',
    en: 'Thank you, the code is confirmed. We now include the data for your customer number as well.',
  },
  'code.invalid': {
    de: 'Dieser Code passt nicht, ist abgelaufen oder wurde zu oft falsch eingegeben. Bitte prüfen Sie Aktenzeichen und Code oder rufen Sie uns an.',
    en: 'This code does not match, has expired or was entered wrongly too often. Please check the reference and the code or call us.',
  },
  'letter.subject': { de: 'Ihre Datenschutz-Anfrage {reference}: Ihr Code', en: 'Your data-protection request {reference}: your code' },
  'letter.intro': {
    de: 'zu Ihrer Kundennummer wurde die Datenschutz-Anfrage {reference} gestellt. Wenn Sie das waren, bestätigen Sie bitte mit diesem Code, dass die Kundennummer Ihnen gehört:',
    en: 'the data-protection request {reference} was made for your customer number. If it was you, please confirm with this code that the customer number is yours:',
  },
  'letter.how': {
    de: 'Geben Sie den Code mit dem Aktenzeichen unter {url} ein. Er gilt {days} Tage.',
    en: 'Enter the code with the reference at {url}. It is valid for {days} days.',
  },
  'letter.notYou': {
    de: 'Wenn Sie keine Anfrage gestellt haben, müssen Sie nichts tun: Ohne den Code geben wir keine Daten zu Ihrer Kundennummer heraus und löschen nichts.',
    en: 'If you made no request, you need not do anything: without the code we release no data for your customer number and erase nothing.',
  },
  'letter.closing': { de: 'Mit freundlichen Grüßen', en: 'Kind regards' },
});
