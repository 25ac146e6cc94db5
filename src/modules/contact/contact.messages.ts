import { defineMessages } from '../../core/i18n/index.ts';

/** The public forms' part of the catalogue. */
export const contactMessages = defineMessages({
  'nav.contact': { de: 'Kontakt', en: 'Contact' },

  'general.title': { de: 'Kontakt', en: 'Contact' },
  'general.intro': {
    de: 'Schreiben Sie uns: Ihre Nachricht geht direkt an die Abteilung, die für Ihr Thema zuständig ist. Sie erhalten sofort ein Aktenzeichen und eine Eingangsbestätigung per E-Mail.',
    en: 'Write to us: your message goes straight to the department responsible for your topic. You get a reference at once and an acknowledgement by e-mail.',
  },
  'general.other': { de: 'Andere Wege zu uns', en: 'Other ways to reach us' },
  'general.phone': { de: 'Telefon: {phone}, E-Mail: {email}', en: 'Phone: {phone}, e-mail: {email}' },
  'general.submit': { de: 'Nachricht senden', en: 'Send message' },

  'callback.title': { de: 'Rückruf vereinbaren', en: 'Request a callback' },
  'callback.link': {
    de: 'Rückruf vereinbaren: Unser Kundenservice ruft Sie zur gewünschten Zeit an.',
    en: 'Request a callback: our customer service calls you at the time you choose.',
  },
  'callback.intro': {
    de: 'Unser Kundenservice ruft Sie einmal zur gewünschten Zeit zurück, frühestens am nächsten Werktag. An Wochenenden und Feiertagen rufen wir nicht an.',
    en: 'Our customer service calls you back once at the time you choose, at the earliest on the next working day. We do not call on weekends and public holidays.',
  },
  'callback.hours': { de: 'Rückrufzeiten', en: 'Callback hours' },
  'callback.submit': { de: 'Rückruf anfordern', en: 'Request callback' },
  'callback.choose': { de: 'Bitte wählen', en: 'Please choose' },

  'dpo.title': { de: 'Kontakt zur Datenschutzbeauftragten', en: 'Contact the data-protection officer' },
  'dpo.link': {
    de: 'Fragen zum Datenschutz: an unsere Datenschutzbeauftragte',
    en: 'Questions about data protection: to our data-protection officer',
  },
  'dpo.intro': {
    de: 'Ihre Nachricht erreicht nur unsere Datenschutzbeauftragte, {name}. Niemand sonst im Unternehmen liest sie, auch nicht die Administration. Für Auskunft über Ihre Daten oder deren Löschung nutzen Sie am besten das [[Formular für Auskunft und Löschung|{request}]].',
    en: 'Your message reaches only our data-protection officer, {name}. Nobody else at our company reads it, not even the administrators. To ask what data we hold about you or to have it erased, the [[form for access and erasure|{request}]] is the quickest way.',
  },
  'equal-treatment.title': { de: 'Kontakt zur Gleichstellungsbeauftragten', en: 'Contact the equal-treatment officer' },
  'equal-treatment.link': {
    de: 'Fragen zur Gleichstellung: an unsere Gleichstellungsbeauftragte',
    en: 'Questions about equal treatment: to our equal-treatment officer',
  },
  'equal-treatment.intro': {
    de: 'Ihre Nachricht erreicht nur unsere Gleichstellungsbeauftragte, {name}. Niemand sonst im Unternehmen liest sie, auch nicht die Administration. Bitte schreiben Sie nur, was für Ihr Anliegen nötig ist.',
    en: 'Your message reaches only our equal-treatment officer, {name}. Nobody else at our company reads it, not even the administrators. Please write only what your concern needs.',
  },
  'officer.submit': { de: 'Nachricht senden', en: 'Send message' },

  'field.salutation': { de: 'Anrede', en: 'Salutation' },
  'salutation.ms': { de: 'Frau', en: 'Ms' },
  'salutation.mr': { de: 'Herr', en: 'Mr' },
  'salutation.diverse': { de: 'Divers', en: 'Diverse' },
  'salutation.none': { de: 'Keine Anrede', en: 'No salutation' },
  'field.name': { de: 'Vor- und Nachname', en: 'First and last name' },
  'field.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'field.emailHint': {
    de: 'Dorthin schicken wir die Eingangsbestätigung und unsere Antwort.',
    en: 'We send the acknowledgement and our answer there.',
  },
  'field.topic': { de: 'Thema', en: 'Topic' },
  'field.topicHint': {
    de: 'Danach richtet sich, welche Abteilung Ihre Nachricht erhält.',
    en: 'This decides which department receives your message.',
  },
  'field.concern': { de: 'Ihr Anliegen', en: 'Your concern' },
  'field.phone': { de: 'Telefonnummer', en: 'Phone number' },
  'field.phoneHint': {
    de: 'Falls wir Sie anrufen sollen, z. B. 0211 1234567.',
    en: 'If we may call you, e.g. 0211 1234567 or +49 211 1234567.',
  },
  'field.callbackPhone': { de: 'Telefonnummer', en: 'Phone number' },
  'field.callbackPhoneHint': {
    de: 'Unter dieser Nummer rufen wir Sie an, z. B. 0211 1234567 oder 0171 1234567.',
    en: 'The number we call, e.g. 0211 1234567 or +49 171 1234567.',
  },
  'field.customerNumber': { de: 'Kundennummer', en: 'Customer number' },
  'field.customerNumberHint': {
    de: 'Wenn Sie Kundin oder Kunde sind: Sie steht auf Ihrer Rechnung.',
    en: 'If you are a customer: it is on your bill.',
  },
  'field.day': { de: 'Gewünschter Tag', en: 'Preferred day' },
  'field.slot': { de: 'Gewünschte Uhrzeit', en: 'Preferred time' },
  'field.slotHint': {
    de: 'Ein Zeitfenster von {minutes} Minuten; welche Zeiten an welchem Wochentag möglich sind, steht oben.',
    en: 'A window of {minutes} minutes; which times each weekday offers is listed above.',
  },
  'field.subject': { de: 'Worum geht es?', en: 'What is it about?' },
  'field.subjectHint': {
    de: 'In wenigen Worten, damit sich die richtige Person meldet.',
    en: 'In a few words, so that the right person calls.',
  },
  'slot.label': { de: '{start} bis {end} Uhr', en: '{start} to {end}' },
  'hours.none': { de: 'kein Rückruf', en: 'no callback' },
  'privacy.note': {
    de: 'Was mit Ihren Angaben geschieht und wann wir sie löschen, steht in unserer [[Datenschutzerklärung|{link}]].',
    en: 'What happens to your details and when we delete them is set out in our [[privacy statement|{link}]].',
  },

  'phone.invalid': {
    de: 'Bitte geben Sie eine gültige Telefonnummer an, z. B. 0211 1234567 oder +49 211 1234567.',
    en: 'Please enter a valid phone number, e.g. 0211 1234567 or +49 211 1234567.',
  },
  'customerNumber.invalid': {
    de: '„{label}“ besteht aus Buchstaben und Ziffern (3 bis 30 Zeichen); Sie finden sie auf Ihrer Rechnung.',
    en: '“{label}” consists of letters and digits (3 to 30 characters); you find it on your bill.',
  },
  'day.range': { de: 'Bitte wählen Sie einen der angebotenen Tage.', en: 'Please choose one of the days offered.' },
  'day.closed': {
    de: 'Am {date} rufen wir nicht zurück. Bitte wählen Sie einen der angebotenen Tage.',
    en: 'We do not call back on {date}. Please choose one of the days offered.',
  },
  'day.holiday': {
    de: 'Der {date} ist ein Feiertag ({holiday}). Bitte wählen Sie einen anderen Tag.',
    en: '{date} is a public holiday ({holiday}). Please choose another day.',
  },
  'slot.outside': {
    de: 'Am {weekday} rufen wir nur zu diesen Zeiten zurück: {hours}.',
    en: 'On {weekday} we call back only at these times: {hours}.',
  },

  'sent.title': { de: 'Vielen Dank für Ihre Nachricht', en: 'Thank you for your message' },
  'sent.text': {
    de: 'Ihre Nachricht ist bei uns eingegangen. Ihr Aktenzeichen: {reference}. Bitte geben Sie es an, wenn Sie uns dazu schreiben oder anrufen.',
    en: 'We have received your message. Your reference: {reference}. Please quote it when you write or call us about it.',
  },
  'sent.mail': { de: 'Eine Eingangsbestätigung ist per E-Mail unterwegs.', en: 'An acknowledgement is on its way by e-mail.' },
  'callbackSent.title': { de: 'Ihr Rückrufwunsch ist eingegangen', en: 'Your callback request has arrived' },
  'callbackSent.text': {
    de: 'Wir rufen Sie am {day} zwischen {start} und {end} Uhr unter {phone} an. Ihr Aktenzeichen: {reference}.',
    en: 'We will call you on {day} between {start} and {end} at {phone}. Your reference: {reference}.',
  },
  'sent.back': { de: 'Zur Startseite', en: 'To the home page' },

  'mail.subject': { de: 'Eingangsbestätigung {reference}', en: 'Acknowledgement {reference}' },
  'mail.body': {
    de: 'Guten Tag,\n\nüber unsere Website ist eine Nachricht mit dem Aktenzeichen {reference} bei uns eingegangen. Wir melden uns so bald wie möglich.\n\nWenn Sie diese Nachricht nicht geschickt haben, können Sie diese E-Mail ignorieren.\n\nIhre {org}',
    en: 'Hello,\n\na message with the reference {reference} has reached us through our website. We will get back to you as soon as we can.\n\nIf you did not send it, you can ignore this e-mail.\n\nYour {org}',
  },
});

export const WEEKDAY_NAMES = {
  de: { mon: 'Montag', tue: 'Dienstag', wed: 'Mittwoch', thu: 'Donnerstag', fri: 'Freitag', sat: 'Samstag', sun: 'Sonntag' },
  en: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
} as const;
