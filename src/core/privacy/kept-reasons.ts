import { defineMessages, formatDate, type Locale, translator } from '../i18n/index.ts';
import type { HoldReason } from './privacy.tables.ts';

/**
 * Why an erasure kept a record, as data: a kind and its parameters. Modules and the engine say
 * which reason applies; the pages put it into words in the reader's language (keptReasonText).
 */
export type KeptReason =
  | { kind: 'legal-hold'; hold: HoldReason; until: Date }
  | { kind: 'restricted' }
  | { kind: 'proof-of-answer'; years: number }
  | { kind: 'abuse-record'; days: number }
  | { kind: 'business-records'; years: number }
  | { kind: 'customer-request'; years: number }
  | { kind: 'employment'; days: number };

export const keptReasonMessages = defineMessages({
  'kept.legal-hold': { de: 'Aufbewahrung wegen {hold} bis {until}', en: 'Kept for {hold} until {until}' },
  'kept.restricted': {
    de: 'Verarbeitung eingeschränkt (Art. 18 DSGVO), bis die Einschränkung aufgehoben wird',
    en: 'Processing restricted (Art. 18 GDPR) until the restriction is lifted',
  },
  'kept.proof-of-answer': {
    de: 'Nachweis der Beantwortung (Art. 5 Abs. 2 DSGVO), gelöscht {years} Jahre nach dem Abschluss',
    en: 'Proof of the answer (Art. 5(2) GDPR), deleted {years} years after closing',
  },
  'kept.abuse-record': {
    de: 'Schutz vor Missbrauch der kostenlosen SMS (Art. 6 Abs. 1 lit. f DSGVO), gelöscht {days} Tage nach dem Versand',
    en: 'Kept against abuse of the free SMS (Art. 6(1)(f) GDPR), deleted {days} days after sending',
  },
  'kept.business-records': {
    de: 'Gesetzliche Aufbewahrung von Geschäftsunterlagen (§ 147 AO, § 257 HGB), gelöscht {years} Jahre nach Vertragsende',
    en: 'Statutory retention of business records (§ 147 AO, § 257 HGB), deleted {years} years after the contract ended',
  },
  'kept.customer-request': {
    de: 'Anliegen der Kundin oder des Kunden, das in den Vertrag eingeht oder einging; gelöscht {years} Jahr(e) nach der Bearbeitung',
    en: 'Request from the customer, being or been carried into the contract; deleted {years} year(s) after it was handled',
  },
  'kept.employment': {
    de: 'Beschäftigungsverhältnis (§ 26 BDSG); der Zugang wird {days} Tage nach der Deaktivierung gelöscht',
    en: 'Employment (§ 26 BDSG); the account is deleted {days} days after it is deactivated',
  },
  'hold.proof': { de: 'Nachweisbarkeit', en: 'proof' },
  'hold.customer-care': { de: 'Kundenbetreuung', en: 'customer care' },
  'hold.statutory': { de: 'gesetzlicher Aufbewahrungsfrist', en: 'a statutory retention period' },
});

/** The reason in words, with its date formatted for the reader: no code, no ISO date. */
export function keptReasonText(reason: KeptReason, locale: Locale): string {
  const t = translator(keptReasonMessages, locale);
  switch (reason.kind) {
    case 'legal-hold':
      return t('kept.legal-hold', { hold: t(`hold.${reason.hold}`), until: formatDate(reason.until, locale) });
    case 'restricted':
      return t('kept.restricted');
    case 'proof-of-answer':
    case 'business-records':
    case 'customer-request':
      return t(`kept.${reason.kind}`, { years: reason.years });
    case 'abuse-record':
    case 'employment':
      return t(`kept.${reason.kind}`, { days: reason.days });
  }
}
