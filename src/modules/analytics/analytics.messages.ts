import { defineMessages } from '../../core/i18n/index.ts';

export const analyticsMessages = defineMessages({
  'optout.title': { de: 'Widerspruch gegen die Nutzungsanalyse', en: 'Objecting to usage analysis' },
  'optout.text': {
    de: 'Mit Ihrer Einwilligung zählen wir anonym, welche Seiten in welcher Reihenfolge aufgerufen werden – ohne Cookie, ohne IP-Adresse, ohne Kennung, die Sie wiedererkennt. Bei aktivierter „Do Not Track“- oder „Global Privacy Control“-Einstellung Ihres Browsers zählen wir nie. Ohne JavaScript wird nichts gezählt.',
    en: 'With your consent we count anonymously which pages are visited in which order – without a cookie, without the IP address, without any identifier that recognises you. If your browser sends "Do Not Track" or "Global Privacy Control", we never count. Without JavaScript nothing is counted.',
  },
  'optout.how': {
    de: 'Mit dem Knopf widersprechen Sie mit Wirkung für die Zukunft; Ihr Browser merkt sich das für diese Website. Sie können die Einwilligung hier auch erneut erteilen.',
    en: 'The button objects with effect for the future; your browser remembers it for this website. You can also give your consent again here.',
  },
  'optout.button': { de: 'Der Nutzungsanalyse widersprechen', en: 'Object to usage analysis' },
  'optin.button': { de: 'Nutzungsanalyse erlauben', en: 'Allow usage analysis' },
  'optout.state': { de: 'Aktueller Stand in diesem Browser:', en: 'Current state in this browser:' },
  'optout.noscript': {
    de: 'JavaScript ist ausgeschaltet: Es wird nichts gezählt, ein Widerspruch ist nicht nötig.',
    en: 'JavaScript is off: nothing is counted, no objection is needed.',
  },
  'nav.optout': { de: 'Nutzungsanalyse', en: 'Usage analysis' },
  'staff.title': { de: 'Wege durch die Website', en: 'Paths through the website' },
  'staff.intro': {
    de: 'Anonyme Zählung, von welcher Seite Besucherinnen und Besucher zu welcher gehen (nur mit Einwilligung, nie bei Do-Not-Track oder Global Privacy Control).',
    en: 'An anonymous count of which page visitors go to from which (only with consent, never under Do-Not-Track or Global Privacy Control).',
  },
  'staff.from': { de: 'Von', en: 'From' },
  'staff.to': { de: 'Nach', en: 'To' },
  'staff.count': { de: 'Anzahl', en: 'Count' },
  'staff.none': { de: 'Noch keine Zählungen.', en: 'No counts yet.' },
});
