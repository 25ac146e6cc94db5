import type { Localized } from '../i18n/index.ts';

export interface GlossaryTerm {
  id: string;
  term: Localized;
  /** Forms the term takes in running text; the first found in a section is linked. */
  aliases: Record<'de' | 'en', readonly string[]>;
  definition: Localized;
}

/** Explanations of the technical terms of the privacy statement (C03). */
export const glossary: readonly GlossaryTerm[] = [
  {
    id: 'personenbezogene-daten',
    term: { de: 'Personenbezogene Daten', en: 'Personal data' },
    aliases: { de: ['personenbezogene Daten', 'personenbezogenen Daten'], en: ['personal data'] },
    definition: {
      de: 'Alle Angaben, die sich auf eine bestimmte oder bestimmbare Person beziehen, etwa Name, Anschrift, E-Mail-Adresse, Kundennummer oder IP-Adresse (Art. 4 Nr. 1 DSGVO).',
      en: 'Any information relating to an identified or identifiable person, such as a name, address, e-mail address, customer number or IP address (Art. 4(1) GDPR).',
    },
  },
  {
    id: 'ip-adresse',
    term: { de: 'IP-Adresse', en: 'IP address' },
    aliases: { de: ['IP-Adresse', 'IP-Adressen'], en: ['IP address', 'IP addresses'] },
    definition: {
      de: 'Die Nummer, unter der ein Gerät im Internet erreichbar ist. Über den Internetanbieter kann sie einem Anschluss und damit einer Person zugeordnet werden; deshalb behandeln wir sie als personenbezogenes Datum.',
      en: 'The number under which a device can be reached on the internet. Through the internet provider it can be traced to a line and so to a person; we therefore treat it as personal data.',
    },
  },
  {
    id: 'cookie',
    term: { de: 'Cookie', en: 'Cookie' },
    aliases: { de: ['Cookies', 'Cookie', 'Sitzungs-Cookie'], en: ['cookies', 'cookie', 'session cookie'] },
    definition: {
      de: 'Eine kleine Textdatei, die eine Website in Ihrem Browser ablegt und bei jedem weiteren Aufruf zurückerhält. Wir setzen Cookies nur, solange Sie angemeldet sind.',
      en: 'A small piece of text a website stores in your browser and receives back with every later request. We set cookies only while you are signed in.',
    },
  },
  {
    id: 'tls',
    term: { de: 'TLS-Verschlüsselung (HTTPS)', en: 'TLS encryption (HTTPS)' },
    aliases: { de: ['TLS', 'HTTPS', 'verschlüsselte Verbindung'], en: ['TLS', 'HTTPS', 'encrypted connection'] },
    definition: {
      de: 'Transport Layer Security, früher SSL: verschlüsselt die Verbindung zwischen Ihrem Browser und unserem Server, sodass niemand unterwegs mitlesen oder etwas verändern kann. Erkennbar an „https://“ und dem Schloss-Symbol.',
      en: 'Transport Layer Security, formerly SSL: encrypts the connection between your browser and our server so that nobody on the way can read or change it. You see it as "https://" and a padlock.',
    },
  },
  {
    id: 'protokolldatei',
    term: { de: 'Protokolldatei (Server-Log)', en: 'Log file (server log)' },
    aliases: { de: ['Protokolldateien', 'Protokolldatei', 'Zugriffsprotokoll'], en: ['log files', 'log file', 'access log'] },
    definition: {
      de: 'Eine Aufzeichnung, die der Server zu jedem Seitenaufruf schreibt, um Fehler und Angriffe erkennen zu können.',
      en: 'A record the server writes for every request, to detect errors and attacks.',
    },
  },
  {
    id: 'browser',
    term: { de: 'Browser', en: 'Browser' },
    aliases: { de: ['Browser'], en: ['browser'] },
    definition: {
      de: 'Das Programm, mit dem Sie Websites ansehen, etwa Firefox, Chrome, Safari oder Edge.',
      en: 'The program you view websites with, such as Firefox, Chrome, Safari or Edge.',
    },
  },
  {
    id: 'anonymisierung',
    term: { de: 'Anonymisierung', en: 'Anonymisation' },
    aliases: { de: ['anonymisiert', 'anonymen', 'anonyme', 'Anonymisierung'], en: ['anonymised', 'anonymous', 'anonymisation'] },
    definition: {
      de: 'Daten werden so verändert, dass sie keiner Person mehr zugeordnet werden können – auch nicht mit Zusatzwissen. Anonyme Daten sind keine personenbezogenen Daten mehr.',
      en: 'Data are changed so that they can no longer be linked to a person, not even with additional knowledge. Anonymous data are no longer personal data.',
    },
  },
  {
    id: 'pseudonymisierung',
    term: { de: 'Pseudonymisierung', en: 'Pseudonymisation' },
    aliases: { de: ['pseudonymisiert', 'Pseudonymisierung'], en: ['pseudonymised', 'pseudonymisation'] },
    definition: {
      de: 'Namen und Kennungen werden durch ein Kennzeichen ersetzt; nur wer den getrennt verwahrten Schlüssel hat, kann die Person wieder zuordnen (Art. 4 Nr. 5 DSGVO).',
      en: 'Names and identifiers are replaced by a code; only whoever holds the separately kept key can link it to the person again (Art. 4(5) GDPR).',
    },
  },
  {
    id: 'verantwortlicher',
    term: { de: 'Verantwortlicher', en: 'Controller' },
    aliases: { de: ['Verantwortlich', 'verantwortliche Stelle'], en: ['controller'] },
    definition: {
      de: 'Wer über Zweck und Mittel der Verarbeitung entscheidet und dafür einsteht (Art. 4 Nr. 7 DSGVO) – hier die Stadtwerke.',
      en: 'Whoever decides on the purposes and means of processing and answers for it (Art. 4(7) GDPR) – here, the utility.',
    },
  },
  {
    id: 'auftragsverarbeiter',
    term: { de: 'Auftragsverarbeiter', en: 'Processor' },
    aliases: { de: ['Auftragsverarbeiter'], en: ['processors', 'processor'] },
    definition: {
      de: 'Ein Dienstleister, der Daten in unserem Auftrag und nach unseren Weisungen verarbeitet, vertraglich gebunden nach Art. 28 DSGVO.',
      en: 'A service provider that processes data on our behalf and on our instructions, bound by contract under Art. 28 GDPR.',
    },
  },
  {
    id: 'rechtsgrundlage',
    term: { de: 'Rechtsgrundlage', en: 'Legal basis' },
    aliases: { de: ['Rechtsgrundlage'], en: ['legal basis'] },
    definition: {
      de: 'Die Vorschrift, die eine Verarbeitung erlaubt – meist Art. 6 Abs. 1 DSGVO: Einwilligung, Vertrag, rechtliche Pflicht, lebenswichtige Interessen, öffentliche Aufgabe oder berechtigtes Interesse.',
      en: 'The provision that permits processing – usually Art. 6(1) GDPR: consent, contract, legal obligation, vital interests, public task or legitimate interest.',
    },
  },
  {
    id: 'berechtigtes-interesse',
    term: { de: 'Berechtigtes Interesse', en: 'Legitimate interest' },
    aliases: { de: ['berechtigtes Interesse', 'berechtigte Interesse'], en: ['legitimate interest'] },
    definition: {
      de: 'Ein Interesse, das eine Verarbeitung erlaubt, wenn Ihre Interessen nicht überwiegen (Art. 6 Abs. 1 lit. f DSGVO). Sie können aus Gründen Ihrer besonderen Situation widersprechen (Art. 21).',
      en: 'An interest that permits processing unless your interests override it (Art. 6(1)(f) GDPR). You can object on grounds relating to your particular situation (Art. 21).',
    },
  },
  {
    id: 'drittland',
    term: { de: 'Drittland', en: 'Third country' },
    aliases: { de: ['Drittländer', 'Drittland'], en: ['third countries', 'third country'] },
    definition: {
      de: 'Ein Staat außerhalb der Europäischen Union und des Europäischen Wirtschaftsraums.',
      en: 'A state outside the European Union and the European Economic Area.',
    },
  },
  {
    id: 'zweiter-faktor',
    term: { de: 'Zweiter Faktor (TOTP)', en: 'Second factor (TOTP)' },
    aliases: { de: ['zweiten Faktor', 'zweiter Faktor'], en: ['second factor'] },
    definition: {
      de: 'Ein zusätzlicher Nachweis bei der Anmeldung, meist ein sechsstelliger Code aus einer App, der alle 30 Sekunden wechselt. Ein gestohlenes Passwort allein genügt dann nicht.',
      en: 'An extra proof at sign-in, usually a six-digit code from an app that changes every 30 seconds. A stolen password alone is then not enough.',
    },
  },
  {
    id: 'hash',
    term: { de: 'Hash', en: 'Hash' },
    aliases: { de: ['Argon2id-Hash', 'Hash'], en: ['Argon2id hash', 'hash'] },
    definition: {
      de: 'Eine Einwegfunktion: Aus dem Passwort wird eine Prüfsumme, aus der sich das Passwort nicht zurückrechnen lässt. Wir speichern nur diese.',
      en: 'A one-way function: the password becomes a check value from which the password cannot be computed back. We store only that.',
    },
  },
  {
    id: 'aufsichtsbehoerde',
    term: { de: 'Aufsichtsbehörde', en: 'Supervisory authority' },
    aliases: { de: ['Aufsichtsbehörde'], en: ['supervisory authority'] },
    definition: {
      de: 'Die unabhängige Behörde, die die Einhaltung des Datenschutzes überwacht und bei der Sie sich beschweren können (Art. 77 DSGVO).',
      en: 'The independent authority that supervises data protection and with which you can lodge a complaint (Art. 77 GDPR).',
    },
  },
  {
    id: 'nutzungsprofil',
    term: { de: 'Nutzungsprofil', en: 'Usage profile' },
    aliases: { de: ['Nutzungsprofilen', 'Nutzungsprofile', 'Nutzungsprofil'], en: ['usage profiles', 'usage profile'] },
    definition: {
      de: 'Eine Zusammenstellung dessen, was eine bestimmte Person wann angesehen oder getan hat. Solche Profile bilden wir nicht.',
      en: 'A compilation of what a particular person viewed or did when. We build no such profiles.',
    },
  },
];
