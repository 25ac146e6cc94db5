import { defineMessages } from '../../core/i18n/index.ts';

/** Rectification, restriction, portability and the deadline of every request. */
export const rightsMessages = defineMessages({
  'kind.access': { de: 'Auskunft', en: 'Access' },
  'kind.rectification': { de: 'Berichtigung', en: 'Rectification' },
  'kind.erasure': { de: 'Löschung', en: 'Erasure' },
  'kind.restriction': { de: 'Einschränkung', en: 'Restriction' },
  'kind.portability': { de: 'Datenübertragbarkeit', en: 'Portability' },
  'kind.objection': { de: 'Widerspruch', en: 'Objection' },

  'deadline.left': { de: 'noch {days} Tage – bis {date}', en: '{days} days left – until {date}' },
  'deadline.leftOne': { de: 'noch 1 Tag – bis {date}', en: '1 day left – until {date}' },
  'deadline.today': { de: 'heute fällig – {date}', en: 'due today – {date}' },
  'deadline.passedToday': { de: 'heute abgelaufen – {date}', en: 'expired today – {date}' },
  'deadline.overdue': { de: 'seit {days} Tagen überfällig – Frist war {date}', en: 'overdue by {days} days – deadline was {date}' },
  'deadline.overdueOne': { de: 'seit 1 Tag überfällig – Frist war {date}', en: 'overdue by 1 day – deadline was {date}' },
  'deadline.extended': { de: 'verlängert am {date}: {reason}', en: 'extended on {date}: {reason}' },

  'extend.title': { de: 'Frist um zwei Monate verlängern', en: 'Extend the deadline by two months' },
  'extend.intro': {
    de: 'Nur wenn die Anfrage komplex ist oder viele Anfragen vorliegen (Art. 12 Abs. 3 DSGVO). Die Person erhält den Grund per E-Mail. Die Frist lässt sich einmal verlängern.',
    en: 'Only if the request is complex or there are many requests (Art. 12(3) GDPR). The person receives the reason by e-mail. The deadline can be extended once.',
  },
  'extend.reason': { de: 'Grund der Verlängerung', en: 'Reason for the extension' },
  'extend.submit': { de: 'Frist verlängern', en: 'Extend deadline' },
  'extend.refused': {
    de: 'Die Frist dieser Anfrage kann nicht mehr verlängert werden: Sie wurde schon verlängert, ist abgelaufen oder die Anfrage ist abgeschlossen.',
    en: 'The deadline of this request can no longer be extended: it was extended already, has passed, or the request is closed.',
  },
  'extend.mailSubject': {
    de: 'Ihre Datenschutz-Anfrage {reference}: neue Frist',
    en: 'Your data-protection request {reference}: new deadline',
  },
  'extend.mailBody': {
    de: 'Guten Tag {name},\n\nwir brauchen für Ihre Anfrage {reference} länger als einen Monat und antworten spätestens bis {date}.\n\nDer Grund: {reason}\n\nDas erlaubt Art. 12 Abs. 3 DSGVO. Bei Fragen erreichen Sie unsere Datenschutzbeauftragte.\n\nIhre {org}',
    en: 'Dear {name},\n\nwe need longer than one month for your request {reference} and will answer by {date} at the latest.\n\nThe reason: {reason}\n\nArt. 12(3) GDPR allows this. For questions, contact our data-protection officer.\n\nYour {org}',
  },

  'remind.subject': {
    de: 'Fristen von Betroffenenanfragen: {overdue} überfällig, {soon} bald fällig',
    en: 'Deadlines of subject requests: {overdue} overdue, {soon} due soon',
  },
  'remind.intro': {
    de: 'Guten Tag,\n\ndiese Anfragen zu Betroffenenrechten brauchen Ihre Aufmerksamkeit (Art. 12 Abs. 3 DSGVO).',
    en: 'Hello,\n\nthese data-subject requests need your attention (Art. 12(3) GDPR).',
  },
  'remind.overdue': { de: 'Überfällig:', en: 'Overdue:' },
  'remind.soon': { de: 'In höchstens {days} Tagen fällig:', en: 'Due within {days} days:' },

  'rectify.title': { de: 'Berichtigen', en: 'Rectify' },
  'rectify.intro': {
    de: 'Korrigieren Sie, was die Person als falsch benannt hat. Gespeichert wird nur, welche Felder sich geändert haben – die alten und neuen Werte stehen nicht im Protokoll.',
    en: 'Correct what the person said is wrong. Only which fields changed is recorded – the old and new values are not in the log.',
  },
  'rectify.submit': { de: 'Berichtigung speichern', en: 'Save correction' },
  'rectify.none': { de: 'Keine Felder geändert.', en: 'No field changed.' },
  'rectify.done': { de: 'Berichtigt: {fields}', en: 'Corrected: {fields}' },
  'rectify.notCorrectable': {
    de: 'Diese Angaben lassen sich hier nicht berichtigen; das zuständige System muss sie ändern.',
    en: 'These details cannot be corrected here; the system that holds them must change them.',
  },
  'rectify.invalid': { de: 'Dieser Wert ist hier nicht gültig.', en: 'This value is not valid here.' },
  'rectify.tooLong': { de: 'Höchstens 5000 Zeichen.', en: 'At most 5000 characters.' },

  'restrict.title': { de: 'Verarbeitung einschränken', en: 'Restrict processing' },
  'restrict.intro': {
    de: 'Eingeschränkte Datensätze bleiben gespeichert, werden aber nicht weiter verarbeitet und nicht nach Frist gelöscht, bis die Datenschutzbeauftragte die Einschränkung aufhebt (Art. 18 DSGVO).',
    en: 'Restricted records stay stored but are not processed any further and not deleted by retention, until the data-protection officer lifts the restriction (Art. 18 GDPR).',
  },
  'restrict.records': { de: 'Datensätze', en: 'Records' },
  'restrict.note': { de: 'Grund der Einschränkung', en: 'Reason for the restriction' },
  'restrict.noteHint': {
    de: 'Zum Beispiel: Richtigkeit bestritten, Prüfung läuft.',
    en: 'For example: accuracy contested, being checked.',
  },
  'restrict.submit': { de: 'Einschränken', en: 'Restrict' },
  'restrict.pick': { de: 'Bitte wählen Sie mindestens einen Datensatz.', en: 'Please choose at least one record.' },
  'restrict.already': { de: 'eingeschränkt', en: 'restricted' },
  'restrict.done': { de: '{count} Datensätze eingeschränkt.', en: '{count} records restricted.' },

  'restricted.title': { de: 'Verarbeitung eingeschränkt', en: 'Processing restricted' },
  'restricted.text': {
    de: 'Die Verarbeitung dieses Datensatzes ist eingeschränkt (Art. 18 DSGVO). Er bleibt gespeichert, darf aber nicht bearbeitet werden, bis die Datenschutzbeauftragte die Einschränkung aufhebt.',
    en: 'The processing of this record is restricted (Art. 18 GDPR). It stays stored but must not be processed until the data-protection officer lifts the restriction.',
  },
  'restricted.badge': { de: 'eingeschränkt', en: 'restricted' },

  'port.title': { de: 'Daten zur Übertragung herausgeben', en: 'Export data for portability' },
  'port.intro': {
    de: 'Ein maschinenlesbarer Export der Daten, die die Person selbst angegeben hat (Art. 20 DSGVO), als JSON oder CSV. Der Export wird protokolliert.',
    en: 'A machine-readable export of the data the person provided themselves (Art. 20 GDPR), as JSON or CSV. The export is logged.',
  },
  'port.format': { de: 'Format', en: 'Format' },
  'port.reason': { de: 'Grund des Exports', en: 'Reason for the export' },
  'port.submit': { de: 'Export herunterladen', en: 'Download export' },

  'lift.title': { de: 'Einschränkungen der Verarbeitung', en: 'Restrictions of processing' },
  'lift.intro': {
    de: 'Datensätze, deren Verarbeitung auf Verlangen der betroffenen Person eingeschränkt ist (Art. 18 DSGVO). Sie bleiben gespeichert, werden nicht verarbeitet und nicht nach Frist gelöscht. Heben Sie eine Einschränkung auf, wenn ihr Grund entfallen ist; die Person ist vorher zu unterrichten (Art. 18 Abs. 3 DSGVO).',
    en: 'Records whose processing is restricted at the request of the person concerned (Art. 18 GDPR). They stay stored, are not processed and not deleted by retention. Lift a restriction when its reason has gone; the person must be told beforehand (Art. 18(3) GDPR).',
  },
  'lift.none': { de: 'Keine Einschränkungen.', en: 'No restrictions.' },
  'lift.reason': { de: 'Grund der Aufhebung', en: 'Reason for lifting' },
  'lift.submit': { de: 'Aufheben', en: 'Lift' },
  'col.activity': { de: 'Verarbeitung', en: 'Processing' },
  'col.record': { de: 'Datensatz', en: 'Record' },
  'col.since': { de: 'Seit', en: 'Since' },
  'col.note': { de: 'Grund', en: 'Reason' },
  'col.request': { de: 'Anfrage', en: 'Request' },
  'col.lift': { de: 'Aufheben', en: 'Lift' },
});

/** Field names of subject records in words, for the correction forms. */
export const fieldMessages = defineMessages({
  salutation: { de: 'Anrede', en: 'Salutation' },
  name: { de: 'Name', en: 'Name' },
  firstName: { de: 'Vorname', en: 'First name' },
  lastName: { de: 'Nachname', en: 'Last name' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  phone: { de: 'Telefonnummer', en: 'Phone number' },
  customerNumber: { de: 'Kundennummer', en: 'Customer number' },
  street: { de: 'Straße und Hausnummer', en: 'Street and number' },
  postcode: { de: 'Postleitzahl', en: 'Postcode' },
  city: { de: 'Ort', en: 'Town' },
  subject: { de: 'Worum es geht', en: 'What it is about' },
  concern: { de: 'Anliegen', en: 'Concern' },
});
