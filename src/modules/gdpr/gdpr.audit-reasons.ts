import { defineMessages, formatDate, type Locale, translator } from '../../core/i18n/index.ts';
import { HOLD_REASONS } from '../../core/privacy/index.ts';
import { dpoMessages } from './gdpr.staff.dpo.messages.ts';

/**
 * The reason column of the access log in words. The log is append-only (a trigger refuses every
 * UPDATE and DELETE), so what a row once said is never rewritten: the page reads it. Three kinds
 * of text are in the column:
 * - a code the engine or a module writes, alone or before a note (`proof: …`, `restriction: …`);
 * - a sentence the software wrote before its reasons became codes, or still writes with details
 *   (LEGACY below): it gets the same words as its code, with its details formatted for the reader;
 * - anything else is what a member of staff typed (an export's reason): shown as their note, quoted.
 */
export const auditReasonMessages = defineMessages({
  'reason.restriction': { de: 'Einschränkung der Verarbeitung (Art. 18 DSGVO)', en: 'Restriction of processing (Art. 18 GDPR)' },
  'reason.restriction-lifted': { de: 'Einschränkung aufgehoben', en: 'Restriction lifted' },
  'reason.subscriber-list': {
    de: 'Abonnentenliste des Newsletters (CSV) für den Versand',
    en: 'Newsletter subscriber list (CSV) for sending',
  },
  'reason.takedown-removal': {
    de: 'Bild auf Wunsch einer abgebildeten Person entfernt',
    en: 'Picture removed at the request of a person shown',
  },
  'reason.pixelate': { de: 'Bereiche unkenntlich gemacht (verpixelt): {count}', en: 'Areas made unrecognisable (pixelated): {count}' },
  'reason.blur': { de: 'Bereiche unkenntlich gemacht (weichgezeichnet): {count}', en: 'Areas made unrecognisable (blurred): {count}' },
  'reason.sms-abuse-record': {
    de: 'Missbrauchsnachweis der kostenlosen SMS für Kundennummer {customer}, {from} bis {to}, Vorgang {case}',
    en: 'Abuse record of the free SMS for customer number {customer}, {from} to {to}, case {case}',
  },
  'reason.rectification': {
    de: 'Berichtigung zur Anfrage {reference}: {count} Angaben geändert',
    en: 'Rectification on request {reference}: {count} items changed',
  },
  'reason.officer-requested': { de: 'Beauftragtenrolle beantragt', en: 'Officer role requested' },
  'reason.officer-approved': { de: 'Beauftragtenrolle bestätigt (vier Augen)', en: 'Officer role approved (four eyes)' },
  'reason.officer-rejected': { de: 'Beauftragtenrolle abgelehnt', en: 'Officer role declined' },
  'reason.officer-command-line': {
    de: 'Beauftragtenrolle über die Kommandozeile vergeben',
    en: 'Officer role granted on the command line',
  },
  'reason.officer-removed': { de: 'Beauftragtenrolle entzogen', en: 'Officer role removed' },
  'reason.letters-print': { de: 'Druck der Briefe vom {day}', en: 'Print run of the letters of {day}' },
  'reason.letters-reprint': { de: 'Nachdruck der Briefe vom {day}', en: 'Reprint of the letters of {day}' },
  'reason.ropa': {
    de: 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)',
    en: 'Record of processing activities (Art. 30 GDPR)',
  },
  note: { de: 'Vermerk: „{note}“', en: 'Note: “{note}”' },
});

type Key = keyof typeof auditReasonMessages & `reason.${string}`;
type Code = Key extends `reason.${infer C}` ? C : never;

/** Codes written before a note (`<code>: <note>`) or alone. */
const PREFIX_CODES: readonly Code[] = ['restriction', 'restriction-lifted', 'subscriber-list', 'takedown-removal', 'ropa'];

/** A day as a log line wrote it (ISO or German); formatted for the reader, else left as it was. */
const day = (text: string, locale: Locale) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text, locale) : text);

/**
 * Sentences the software wrote into the log, matched whole, and the code whose words they get.
 * Why a table: rows are never rewritten (append-only), so these texts stay in the log for as long
 * as it is kept, while the writers moved on to codes (restrictions in 80fe6b5; the newsletter's list,
 * the media takedown and the Art. 30 record with this table) or still write their details in a sentence (SMS, rights,
 * roles, letters). A `note` is the part a person typed, quoted after the words.
 */
const LEGACY: readonly {
  pattern: RegExp;
  words: (m: RegExpExecArray, t: ReturnType<typeof translator<typeof auditReasonMessages>>, locale: Locale) => string;
  note?: (m: RegExpExecArray) => string;
}[] = [
  // restrictions.ts before the kind became a code
  { pattern: /^restriction \(Art\. 18 GDPR\): ([\s\S]*)$/, words: (_, t) => t('reason.restriction'), note: (m) => m[1] ?? '' },
  { pattern: /^restriction lifted: ([\s\S]*)$/, words: (_, t) => t('reason.restriction-lifted'), note: (m) => m[1] ?? '' },
  // newsletter.staff.routes.tsx and media.staff.routes.tsx before their codes
  { pattern: /^newsletter subscriber list \(CSV\) for sending$/, words: (_, t) => t('reason.subscriber-list') },
  { pattern: /^picture removed on a depicted person’s request \(C32\)$/, words: (_, t) => t('reason.takedown-removal') },
  // gdpr.staff.records.routes.tsx before its code
  { pattern: /^Verzeichnis von Verarbeitungstätigkeiten \(Art\. 30 DSGVO\)$/, words: (_, t) => t('reason.ropa') },
  // media.staff.routes.tsx: the effect and the regions (x,y,w,h; …) it was applied to
  {
    pattern: /^(pixelate|blur): ([\d,; ]*) \(C32\)$/,
    words: (m, t) =>
      t(m[1] === 'blur' ? 'reason.blur' : 'reason.pixelate', { count: (m[2] ?? '').split(';').filter((r) => r.trim()).length }),
  },
  // sms.staff.routes.tsx: the authority's case, the customer and the period of the export
  {
    pattern: /^case ([\s\S]+?): SMS abuse record of customer (\S+), (\S+) to (\S+)$/,
    words: (m, t, locale) =>
      t('reason.sms-abuse-record', { case: m[1] ?? '', customer: m[2] ?? '', from: day(m[3] ?? '', locale), to: day(m[4] ?? '', locale) }),
  },
  // gdpr.rights.ts: the request's reference and the fields (by their keys) that changed
  {
    pattern: /^rectification (\S+): changed fields (.*)$/,
    words: (m, t) => t('reason.rectification', { reference: m[1] ?? '', count: (m[2] ?? '').split(',').filter((f) => f.trim()).length }),
  },
  // staff.grants.ts: officer roles granted by four eyes (ids are left out: the record column names the role)
  { pattern: /^officer role requested \(.*\)$/, words: (_, t) => t('reason.officer-requested') },
  { pattern: /^officer role approved \(.*\)$/, words: (_, t) => t('reason.officer-approved') },
  { pattern: /^officer role rejected \(.*\)$/, words: (_, t) => t('reason.officer-rejected') },
  { pattern: /^officer role granted on the command line$/, words: (_, t) => t('reason.officer-command-line') },
  { pattern: /^officer role removed$/, words: (_, t) => t('reason.officer-removed') },
  // letters.staff.routes.tsx: written in the staff member's language, once with the command's name
  {
    pattern: /^(?:(Nachdruck der Briefe vom|Reprint of)|Druck der Briefe vom|Print run of) (.+?)(?: \(letters print\))?$/,
    words: (m, t, locale) => t(m[1] ? 'reason.letters-reprint' : 'reason.letters-print', { day: day(m[2] ?? '', locale) }),
  },
];

/** An access-log reason in the reader's language: a code or a known sentence in words, a typed note quoted. */
export function auditReasonText(reason: string | null, locale: Locale): string {
  if (!reason) return '';
  const t = translator(auditReasonMessages, locale);
  // A hold's reason is named as the holds list names it.
  const hold = HOLD_REASONS.find((c) => reason === c || reason.startsWith(`${c}: `));
  if (hold) return `${translator(dpoMessages, locale)(`reason.${hold}`)}${reason.slice(hold.length)}`;
  const code = PREFIX_CODES.find((c) => reason === c || reason.startsWith(`${c}: `));
  if (code) return `${t(`reason.${code}`)}${reason.slice(code.length)}`;
  for (const legacy of LEGACY) {
    const m = legacy.pattern.exec(reason);
    if (!m) continue;
    const words = legacy.words(m, t, locale);
    return legacy.note ? `${words}: ${legacy.note(m)}` : words;
  }
  return t('note', { note: reason });
}
