import { defineMessages } from '../../core/i18n/index.ts';

/** The public pages' part of the catalogue. */
export const contestMessages = defineMessages({
  'code.title': { de: 'Ihr Foto mit Code', en: 'Your photo with a code' },
  'code.intro': {
    de: 'Auf dem Abzug Ihres Fotos steht ein Code aus zwölf Zeichen. Mit ihm sehen Sie Ihr Foto, entscheiden, ob es in der Galerie der Veranstaltung erscheint, und nehmen am Gewinnspiel teil.',
    en: 'The print of your photo carries a code of twelve characters. With it you see your photo, decide whether it appears in the event’s gallery and take part in the prize draw.',
  },
  'code.field': { de: 'Code', en: 'Code' },
  'code.hint': {
    de: 'Zum Beispiel K7QM-3XRA-HP9D; Groß- und Kleinschreibung und Bindestriche sind egal.',
    en: 'For example K7QM-3XRA-HP9D; case and dashes do not matter.',
  },
  'code.submit': { de: 'Foto anzeigen', en: 'Show photo' },
  'code.unknown': {
    de: 'Zu diesem Code gibt es kein Foto. Bitte prüfen Sie die Zeichen auf Ihrem Abzug.',
    en: 'There is no photo for this code. Please check the characters on your print.',
  },
  'code.format': {
    de: 'Ein Code hat zwölf Zeichen aus Ziffern und Buchstaben, z. B. K7QM-3XRA-HP9D.',
    en: 'A code has twelve characters of digits and letters, e.g. K7QM-3XRA-HP9D.',
  },
  'code.throttled': {
    de: 'Gerade wurden zu viele falsche Codes eingegeben. Bitte versuchen Sie es in einer Stunde noch einmal.',
    en: 'Too many wrong codes have just been entered. Please try again in an hour.',
  },

  'photo.title': { de: 'Ihr Foto: {event}', en: 'Your photo: {event}' },
  'photo.alt': { de: 'Ihr Foto von der Veranstaltung {event}', en: 'Your photo from the event {event}' },
  'photo.keep': {
    de: 'Bewahren Sie den Code auf: Nur mit ihm können Sie Ihre Wahl später ändern. Wir speichern ihn nicht im Klartext.',
    en: 'Keep the code: only with it can you change your choice later. We do not store it in plain text.',
  },
  'gallery.legend': {
    de: 'Soll dieses Foto in der öffentlichen Galerie der Veranstaltung erscheinen?',
    en: 'Should this photo appear in the public gallery of the event?',
  },
  'gallery.yes': { de: 'Ja, in der Galerie zeigen', en: 'Yes, show it in the gallery' },
  'gallery.no': { de: 'Nein, nicht zeigen', en: 'No, do not show it' },
  'gallery.submit': { de: 'Wahl speichern', en: 'Save choice' },
  'gallery.savedYes': { de: 'Gespeichert: Ihr Foto erscheint in der Galerie.', en: 'Saved: your photo appears in the gallery.' },
  'gallery.savedNo': {
    de: 'Gespeichert: Ihr Foto erscheint nicht in der Galerie.',
    en: 'Saved: your photo does not appear in the gallery.',
  },
  'gallery.link': { de: 'Zur Galerie der Veranstaltung', en: 'To the event’s gallery' },

  'gallery.title': { de: 'Fotogalerie: {event}', en: 'Photo gallery: {event}' },
  'gallery.intro': {
    de: 'Hier erscheinen nur Fotos, deren Inhaberinnen und Inhaber das mit ihrem Code gewählt haben.',
    en: 'Only photos whose holders chose so with their code appear here.',
  },
  'gallery.empty': { de: 'Noch ist kein Foto freigegeben.', en: 'No photo has been released yet.' },
  'gallery.alt': { de: 'Foto {n} von {event}', en: 'Photo {n} of {event}' },

  'entry.title': { de: 'Am Gewinnspiel teilnehmen', en: 'Take part in the prize draw' },
  'entry.intro': { de: '{draw}. Zu gewinnen: {prizes}. Teilnahme bis {closes}.', en: '{draw}. Prizes: {prizes}. Entries until {closes}.' },
  'entry.firstName': { de: 'Vorname', en: 'First name' },
  'entry.lastName': { de: 'Nachname', en: 'Last name' },
  'entry.street': { de: 'Straße und Hausnummer', en: 'Street and number' },
  'entry.postcode': { de: 'Postleitzahl', en: 'Postcode' },
  'entry.city': { de: 'Ort', en: 'Town' },
  'entry.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'entry.emailHint': { de: 'Nur für die Nachricht, falls Sie gewinnen.', en: 'Only to tell you if you win.' },
  'entry.terms': {
    de: 'Ich habe die Teilnahmebedingungen (Fassung {version}) gelesen und nehme sie an.',
    en: 'I have read and accept the terms of participation (version {version}).',
  },
  'entry.termsLink': { de: 'Teilnahmebedingungen, Fassung {version}', en: 'Terms of participation, version {version}' },
  'entry.termsRequired': { de: 'Bitte nehmen Sie die Teilnahmebedingungen an.', en: 'Please accept the terms of participation.' },
  'entry.postcodeFormat': { de: 'Bitte geben Sie eine Postleitzahl aus fünf Ziffern an.', en: 'Please enter a postcode of five digits.' },
  'entry.privacy': {
    de: 'Ihre Angaben sieht nur unsere Unternehmenskommunikation; sie dienen nur dem Gewinnspiel und werden nach der Übergabe der Preise gelöscht.',
    en: 'Only our corporate communications sees your details; they serve the prize draw only and are deleted once the prizes are handed over.',
  },
  'entry.submit': { de: 'Teilnehmen', en: 'Enter' },
  'entry.done': { de: 'Sie nehmen teil', en: 'You are taking part' },
  'entry.doneText': {
    de: 'Ihre Teilnahme ist gespeichert. Ihr Prüfwert in der öffentlichen Liste der Auslosung lautet:',
    en: 'Your entry is stored. Your check value in the public list of the draw is:',
  },
  'entry.already': {
    de: 'Mit diesem Code wurde bereits teilgenommen. Je Code ist eine Teilnahme möglich.',
    en: 'This code has already been used to enter. One entry per code.',
  },
  'entry.closed': { de: 'Die Teilnahme ist beendet.', en: 'Entries are closed.' },
  'entry.drawLink': { de: 'Zur Seite der Auslosung', en: 'To the page of the draw' },

  'draw.title': { de: 'Gewinnspiel: {draw}', en: 'Prize draw: {draw}' },
  'draw.prizes': { de: 'Zu gewinnen: {prizes} ({n} Gewinne).', en: 'Prizes: {prizes} ({n} winners).' },
  'draw.closes': { de: 'Teilnahme bis {at} mit dem Code Ihres Fotos.', en: 'Enter until {at} with the code of your photo.' },
  'draw.enter': { de: 'Code eingeben und teilnehmen', en: 'Enter your code and take part' },
  'draw.terms': { de: 'Teilnahmebedingungen', en: 'Terms of participation' },
  'draw.termsCurrent': { de: 'Fassung {version} vom {at}', en: 'Version {version} of {at}' },
  'draw.termsEarlier': { de: 'Frühere Fassungen', en: 'Earlier versions' },
  'draw.how': { de: 'So ist die Auslosung überprüfbar', en: 'How the draw can be checked' },
  'draw.source': { de: 'Öffentliche Zufallsquelle: {source}, bekannt ab {at}.', en: 'Public random source: {source}, known from {at}.' },
  'draw.notFrozen': { de: 'Die Liste der Teilnahmen ist noch offen.', en: 'The list of entries is still open.' },
  'draw.frozen': {
    de: 'Am {at} wurde die Liste mit {n} Teilnahmen eingefroren. Ihr Prüfwert (SHA-256 über die sortierten Teilnahme-Prüfwerte):',
    en: 'On {at} the list of {n} entries was frozen. Its check value (SHA-256 over the sorted entry check values):',
  },
  'draw.seed': { de: 'Zufallswert aus der Quelle: {seed}', en: 'Random value from the source: {seed}' },
  'draw.winners': { de: 'Gezogene Teilnahmen (Prüfwerte, in Reihenfolge)', en: 'Drawn entries (check values, in order)' },
  'draw.published': { de: 'Gewinnerinnen und Gewinner', en: 'Winners' },
  'draw.publishedNote': {
    de: 'Genannt werden nur Gewinnerinnen und Gewinner, die dem ausdrücklich zugestimmt haben.',
    en: 'Only winners who expressly agreed are named.',
  },
  'draw.winnerAlt': { de: 'Foto von {name}', en: 'Photo of {name}' },
  'draw.list': { de: 'Liste der Prüfwerte und Protokoll', en: 'List of check values and protocol' },
  'draw.json': { de: 'Liste und Zufallswert als Datei (JSON)', en: 'List and random value as a file (JSON)' },
  'draw.protocol': { de: 'Protokoll der Auslosung (PDF)', en: 'Protocol of the draw (PDF)' },
  'draw.settled': {
    de: 'Die Preise sind übergeben, alle Teilnahmedaten gelöscht. Es bleiben nur die Prüfwerte.',
    en: 'The prizes are handed over, all entry data deleted. Only the check values remain.',
  },
  'draw.step1': {
    de: 'Jede Teilnahme erhält einen zufälligen Salzwert; ihr Prüfwert ist SHA-256 über Salzwert und Kennung der Teilnahme (hexadezimal). Sie sehen Ihren Prüfwert nach der Teilnahme.',
    en: 'Each entry gets a random salt; its check value is SHA-256 over the salt and the entry’s identifier (hexadecimal). You see your check value after entering.',
  },
  'draw.step2': {
    de: 'Vor dem Bekanntwerden des Zufallswerts wird die Liste eingefroren: die Prüfwerte als Text sortiert, jeder gefolgt von einem Zeilenumbruch; SHA-256 darüber wird hier veröffentlicht.',
    en: 'Before the random value is known the list is frozen: the check values sorted as text, each followed by a line feed; SHA-256 over that is published here.',
  },
  'draw.step3': {
    de: 'Der Zufallswert der genannten Quelle ist der Startwert. Für jeden Gewinn: h = SHA-256(Startwert ‖ „:“ ‖ Zähler), Zähler ab 0 dezimal, nach jedem Hash um eins erhöht; x = die ersten 8 Bytes von h als Zahl. Bei n verbleibenden Teilnahmen zählt x nur, wenn x < 2^64 − (2^64 mod n); dann gewinnt die Teilnahme an Stelle x mod n (ab 0) der sortierten Restliste und scheidet aus.',
    en: 'The value of the named source is the seed. For each prize: h = SHA-256(seed ‖ ":" ‖ counter), the counter from 0 in decimal, increased after every hash; x = the first 8 bytes of h as a number. With n entries left, x counts only if x < 2^64 − (2^64 mod n); then the entry at position x mod n (from 0) of the sorted remaining list wins and leaves it.',
  },
  'draw.step4': {
    de: 'Nachrechnen: die JSON-Datei laden und „contest draw verify datei.json“ ausführen; oder die Schritte mit jedem SHA-256-Werkzeug selbst nachvollziehen.',
    en: 'To recompute: download the JSON file and run “contest draw verify file.json”; or follow the steps with any SHA-256 tool.',
  },

  'consent.title': { de: 'Veröffentlichung als Gewinnerin oder Gewinner', en: 'Publication as a winner' },
  'consent.text': {
    de: 'Herzlichen Glückwunsch! Dürfen wir Ihren Vor- und Nachnamen und Ihr Foto auf der Seite des Gewinnspiels veröffentlichen? Das ist freiwillig; Ihr Gewinn hängt nicht davon ab, und Sie können die Einwilligung jederzeit über diesen Link widerrufen.',
    en: 'Congratulations! May we publish your first and last name and your photo on the page of the prize draw? This is voluntary; your prize does not depend on it, and you can withdraw consent at any time through this link.',
  },
  'consent.given': {
    de: 'Sie haben eingewilligt; Name und Foto sind veröffentlicht.',
    en: 'You have consented; name and photo are published.',
  },
  'consent.notGiven': { de: 'Name und Foto sind nicht veröffentlicht.', en: 'Name and photo are not published.' },
  'consent.yes': { de: 'Ja, ich willige ein', en: 'Yes, I consent' },
  'consent.no': { de: 'Nein / Einwilligung widerrufen', en: 'No / withdraw consent' },
  'mail.winSubject': { de: 'Sie haben gewonnen: {draw}', en: 'You have won: {draw}' },
  'mail.winText': {
    de: 'Guten Tag,\n\nSie haben beim Gewinnspiel „{draw}“ gewonnen. Wir melden uns zur Übergabe des Preises.\n\nDürfen wir Ihren Namen und Ihr Foto als Gewinnerin oder Gewinner veröffentlichen? Das entscheiden Sie hier, freiwillig und jederzeit widerruflich:\n{link}\n\n{org}',
    en: 'Hello,\n\nyou have won in the prize draw “{draw}”. We will be in touch about handing over the prize.\n\nMay we publish your name and photo as a winner? You decide here, voluntarily and revocable at any time:\n{link}\n\n{org}',
  },
});
