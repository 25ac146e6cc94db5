import { defineMessages, inEveryLocale, type Localized, translator } from '../../core/i18n/index.ts';
import type { SubjectFields } from '../../core/privacy/index.ts';
import { appMessages } from './portal.app.messages.ts';

/** How a letter answering an access request names the keys of the portal's records (portal.subjects.ts). */
export const portalFieldMessages = defineMessages({
  customerNumber: { de: 'Kundennummer', en: 'Customer number' },
  salutation: { de: 'Anrede', en: 'Salutation' },
  'salutation.ms': { de: 'Frau', en: 'Ms' },
  'salutation.mr': { de: 'Herr', en: 'Mr' },
  firstName: { de: 'Vorname', en: 'First name' },
  lastName: { de: 'Nachname', en: 'Last name' },
  street: { de: 'Straße und Hausnummer', en: 'Street and number' },
  postcode: { de: 'Postleitzahl', en: 'Postcode' },
  city: { de: 'Ort', en: 'Town' },
  email: { de: 'E-Mail-Adresse', en: 'E-mail address' },
  phone: { de: 'Telefonnummer', en: 'Phone number' },
  contractNumber: { de: 'Vertragsnummer', en: 'Contract number' },
  commodity: { de: 'Sparte', en: 'Supply' },
  tariff: { de: 'Tarif', en: 'Tariff' },
  start: { de: 'Vertragsbeginn', en: 'Contract start' },
  end: { de: 'Vertragsende', en: 'Contract end' },
  instalmentCents: { de: 'Monatlicher Abschlag', en: 'Monthly instalment' },
  meterReadings: { de: 'Gespeicherte Zählerstände', en: 'Meter readings stored' },
  invoices: { de: 'Gespeicherte Rechnungen', en: 'Invoices stored' },
  mandateReference: { de: 'Mandatsreferenz', en: 'Mandate reference' },
  accountHolder: { de: 'Kontoinhaber', en: 'Account holder' },
  iban: { de: 'IBAN', en: 'IBAN' },
  signed: { de: 'Erteilt am', en: 'Given on' },
  revoked: { de: 'Widerrufen am', en: 'Revoked on' },
  status: { de: 'Stand', en: 'Status' },
  'status.active': { de: 'Zugang aktiv', en: 'Access active' },
  'status.pending': { de: 'Registrierung nicht abgeschlossen', en: 'Registration not completed' },
  'status.open': { de: 'in Bearbeitung', en: 'being handled' },
  'status.done': { de: 'erledigt', en: 'done' },
  registered: { de: 'Registriert', en: 'Registered' },
  activated: { de: 'Aktiviert', en: 'Activated' },
  lastSignIn: { de: 'Letzte Anmeldung', en: 'Last sign-in' },
  secondFactor: { de: 'Zweiter Faktor eingeschaltet', en: 'Second factor turned on' },
  entries: { de: 'Einträge im Portalprotokoll', en: 'Entries in the portal log' },
  at: { de: 'Zeitpunkt', en: 'Time' },
  action: { de: 'Vorgang', en: 'Event' },
  ip: { de: 'IP-Adresse', en: 'IP address' },
  reference: { de: 'Aktenzeichen', en: 'Reference' },
  kind: { de: 'Anliegen', en: 'Request' },
  received: { de: 'Eingegangen', en: 'Received' },
  meterNumber: { de: 'Zählernummer', en: 'Meter number' },
  readOn: { de: 'Ablesedatum', en: 'Date of reading' },
  value: { de: 'Zählerstand', en: 'Meter reading' },
  unit: { de: 'Einheit', en: 'Unit' },
  plausible: { de: 'Stand plausibel', en: 'Reading plausible' },
  confirmedDespite: { de: 'Trotz Hinweis bestätigt', en: 'Confirmed despite the notice' },
  'confirmedDespite.below-last': { de: 'kleiner als der letzte Zählerstand', en: 'lower than the last reading' },
  'confirmedDespite.too-high': { de: 'viel höherer Verbrauch als erwartet', en: 'much more consumption than expected' },
  'confirmedDespite.too-low': { de: 'viel niedrigerer Verbrauch als erwartet', en: 'much less consumption than expected' },
  awaitingCheck: { de: 'Wartet auf Prüfung', en: 'Awaiting a check' },
  currentCents: { de: 'Bisheriger Abschlag', en: 'Current instalment' },
  newCents: { de: 'Gewünschter Abschlag', en: 'Instalment asked for' },
  from: { de: 'Ab', en: 'From' },
  mandateGrantedAt: { de: 'Mandat erteilt am', en: 'Mandate given on' },
  moveOn: { de: 'Umzugstag', en: 'Moving day' },
  continueSupply: { de: 'Belieferung an der neuen Anschrift', en: 'Supply at the new address' },
  contracts: { de: 'Betroffene Verträge', en: 'Contracts concerned' },
  previous: { de: 'Bisherige E-Mail-Adresse', en: 'Previous e-mail address' },
  meterId: { de: 'Zähler-ID', en: 'Meter id' },
});

type Key = keyof typeof portalFieldMessages;
const label = (key: Key): Localized => inEveryLocale((locale) => translator(portalFieldMessages, locale)(key));
/** The words of a family of codes (`commodity.electricity` → Strom / Electricity), from the catalogue that says them. */
function codes<M extends Record<string, Localized>>(messages: M, prefix: string): Record<string, Localized> {
  return Object.fromEntries(
    Object.entries(messages)
      .filter(([k]) => k.startsWith(`${prefix}.`))
      .map(([k, words]) => [k.slice(prefix.length + 1), words]),
  );
}

const plain: readonly Key[] = [
  'customerNumber',
  'firstName',
  'lastName',
  'street',
  'postcode',
  'city',
  'email',
  'phone',
  'contractNumber',
  'tariff',
  'start',
  'end',
  'meterReadings',
  'invoices',
  'mandateReference',
  'accountHolder',
  'iban',
  'signed',
  'revoked',
  'registered',
  'activated',
  'lastSignIn',
  'secondFactor',
  'entries',
  'at',
  'ip',
  'reference',
  'received',
  'meterNumber',
  'readOn',
  'value',
  'plausible',
  'awaitingCheck',
  'from',
  'mandateGrantedAt',
  'moveOn',
  'continueSupply',
  'contracts',
  'previous',
];

/**
 * The portal's record fields for the letter: a label per key and its codes in words (commodity,
 * task kind, portal log event, account and task state, the plausibility notice); amounts in cents.
 */
export const portalSubjectFields: SubjectFields = {
  ...Object.fromEntries(plain.map((k) => [k, { label: label(k) }])),
  salutation: { label: label('salutation'), values: codes(portalFieldMessages, 'salutation') },
  commodity: { label: label('commodity'), values: codes(appMessages, 'commodity') },
  status: { label: label('status'), values: codes(portalFieldMessages, 'status') },
  action: { label: label('action'), values: codes(appMessages, 'action') },
  kind: { label: label('kind'), values: codes(appMessages, 'task') },
  unit: { label: label('unit'), values: codes(appMessages, 'unit') },
  confirmedDespite: { label: label('confirmedDespite'), values: codes(portalFieldMessages, 'confirmedDespite') },
  instalmentCents: { label: label('instalmentCents'), cents: true },
  currentCents: { label: label('currentCents'), cents: true },
  newCents: { label: label('newCents'), cents: true },
  // The meter's row id; its number says which meter.
  meterId: { label: label('meterId'), internal: true },
};
