import { defineMessages } from './i18n.ts';

/** Messages of the core: layout, errors and form components. */
export const coreMessages = defineMessages({
  'layout.skip': { de: 'Zum Inhalt springen', en: 'Skip to content' },
  'layout.mainNav': { de: 'Hauptnavigation', en: 'Main navigation' },
  'layout.menu': { de: 'Menü', en: 'Menu' },
  'layout.footerNav': { de: 'Rechtliches und Service', en: 'Legal and service' },
  'layout.language': { de: 'Sprache', en: 'Language' },
  'layout.home': { de: 'Startseite', en: 'Home' },
  'layout.switchTo': { de: 'English', en: 'Deutsch' },
  'layout.contact': { de: 'Kontakt', en: 'Contact' },
  'form.required': { de: 'Pflichtfeld', en: 'required' },
  'form.optional': { de: 'optional', en: 'optional' },
  'form.requiredNote': {
    de: 'Mit * markierte Felder sind Pflichtfelder.',
    en: 'Fields marked with * are required.',
  },
  'form.errorSummary': { de: 'Bitte korrigieren Sie die folgenden Angaben:', en: 'Please correct the following:' },
  'form.errorTitlePrefix': { de: 'Fehler: ', en: 'Error: ' },
  'error.400.title': { de: 'Ungültige Anfrage', en: 'Bad request' },
  'error.400.text': {
    de: 'Ihre Anfrage konnte nicht verarbeitet werden. Bitte prüfen Sie Ihre Eingaben.',
    en: 'Your request could not be processed. Please check what you entered.',
  },
  'error.403.title': { de: 'Zugriff verweigert', en: 'Access denied' },
  'error.403.text': {
    de: 'Sie haben keine Berechtigung für diese Seite oder Aktion.',
    en: 'You are not allowed to see this page or perform this action.',
  },
  'error.403.tls': {
    de: 'Formulare nehmen Daten nur über eine verschlüsselte Verbindung (HTTPS) an.',
    en: 'Forms accept data only over an encrypted connection (HTTPS).',
  },
  'error.403.csrf': {
    de: 'Das Formular war veraltet oder kam nicht von dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
    en: 'The form was out of date or did not come from this page. Please reload the page and try again.',
  },
  'error.403.origin': {
    de: 'Die Anfrage kam von einer fremden Website und wurde zu Ihrem Schutz abgelehnt.',
    en: 'The request came from another website and was refused for your protection.',
  },
  'error.404.title': { de: 'Seite nicht gefunden', en: 'Page not found' },
  'error.404.text': {
    de: 'Die angeforderte Seite gibt es nicht (mehr). Vielleicht hilft Ihnen die Übersicht aller Seiten.',
    en: 'The page you asked for does not exist (any more). The list of all pages may help.',
  },
  'error.405.title': { de: 'Methode nicht erlaubt', en: 'Method not allowed' },
  'error.405.text': {
    de: 'Diese Adresse unterstützt die verwendete Anfragemethode nicht.',
    en: 'This address does not support the request method used.',
  },
  'error.413.title': { de: 'Anfrage zu groß', en: 'Request too large' },
  'error.413.text': {
    de: 'Die gesendeten Daten sind zu groß. Bitte kürzen Sie Ihre Eingaben oder Anhänge.',
    en: 'The data you sent is too large. Please shorten your input or attachments.',
  },
  'error.413.upload': {
    de: 'Die Dateien sind zusammen größer, als dieses Formular annimmt. Bitte wählen Sie kleinere oder weniger Dateien aus.',
    en: 'The files together are larger than this form accepts. Please choose smaller files or fewer of them.',
  },
  'error.415.title': { de: 'Format nicht unterstützt', en: 'Unsupported format' },
  'error.415.text': {
    de: 'Das Format der gesendeten Daten wird hier nicht angenommen.',
    en: 'The format of the data you sent is not accepted here.',
  },
  'error.429.title': { de: 'Zu viele Anfragen', en: 'Too many requests' },
  'error.429.text': {
    de: 'Sie haben in kurzer Zeit zu viele Anfragen gesendet. Bitte warten Sie einen Moment.',
    en: 'You sent too many requests in a short time. Please wait a moment.',
  },
  'error.500.title': { de: 'Interner Fehler', en: 'Internal error' },
  'error.500.text': {
    de: 'Etwas ist schiefgegangen. Bitte versuchen Sie es später erneut.',
    en: 'Something went wrong. Please try again later.',
  },
  'error.503.title': { de: 'Vorübergehend nicht verfügbar', en: 'Temporarily unavailable' },
  'error.503.text': {
    de: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    en: 'The service is unavailable right now. Please try again later.',
  },
  'error.503.storage': {
    de: 'Ihre Dateien konnten gerade nicht gespeichert werden. Es wurde nichts gespeichert, auch nicht Ihre übrigen Angaben. Bitte versuchen Sie es später noch einmal.',
    en: 'Your files could not be stored just now. Nothing was saved, not even the rest of what you entered. Please try again later.',
  },
  'error.backStaff': { de: 'Zur Übersicht des internen Bereichs', en: 'To the back office overview' },
  'error.backHome': { de: 'Zur Startseite', en: 'Go to the home page' },
  'error.sitemap': { de: 'Übersicht aller Seiten', en: 'List of all pages' },
  'extern.mark': { de: '[extern]', en: '[external]' },
  'extern.terms': {
    de: 'Angebot von {host}; es gilt dessen Datenschutzerklärung',
    en: 'Service of {host}; its own privacy terms apply',
  },
});

export type CoreMessageKey = keyof typeof coreMessages;
