import type { Organisation } from '../../core/config/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import type { NewLetter } from '../../core/letters/index.ts';
import { ACTIVITY } from './contact.forms.ts';
import type { RequestRow } from './contact.queries.ts';
import { contactStaffMessages } from './contact.staff.messages.ts';

/** Who answers: the member of staff and the unit the answer speaks for. */
export interface Answerer {
  name: string;
  unit: string;
  email: string;
}

export const localeOf = (row: { locale: string }): Locale => (row.locale === 'en' ? 'en' : 'de');

/**
 * How the outbox treats a request's mail: the request keeps the text itself and is deleted once
 * handled, so a delivered mail keeps only the facts of delivery (C16, C22); an officer's mail is
 * readable only by that officer, not by the administrators who run the outbox (C21).
 */
export function mailHandling(kind: RequestRow['kind']): { keep: 'metadata'; confidentialTo?: string } {
  if (kind === 'dpo') return { keep: 'metadata', confidentialTo: 'dpo' };
  if (kind === 'equal-treatment') return { keep: 'metadata', confidentialTo: 'equal-treatment' };
  return { keep: 'metadata' };
}

/** The department of a general request, or the officer; in the language the person wrote in. */
export function answererFor(row: RequestRow, staffName: string, org: Organisation): Answerer {
  const t = translator(contactStaffMessages, localeOf(row));
  if (row.kind === 'dpo') return { name: staffName, unit: t('unit.dpo'), email: org.dataProtectionOfficer.email };
  if (row.kind === 'equal-treatment') return { name: staffName, unit: t('unit.equal-treatment'), email: org.equalTreatmentOfficer.email };
  const dept = org.departments.find((d) => d.id === row.topic);
  return { name: staffName, unit: dept?.name[localeOf(row)] ?? org.shortName, email: dept?.email ?? org.email };
}

/** Name particles that belong to the surname ("von der Heide", "van Dijk", "zu Guttenberg"). */
const PARTICLES = new Set([
  'von',
  'vom',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'zu',
  'zum',
  'zur',
  'ten',
  'ter',
  'le',
  'la',
  'al',
  'el',
  'bin',
  'ibn',
]);

/**
 * The surname of a name typed in one field: the last word and the particles before it. A formal
 * salutation names the surname only ("Sehr geehrte Frau Weber", not "Frau Jonas Weber").
 */
export function surnameOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  if (words.length <= 1) return fullName.trim();
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] as string).toLowerCase())) start--;
  return words.slice(start).join(' ');
}

export function salutationLine(row: RequestRow): string {
  const t = translator(contactStaffMessages, localeOf(row));
  if (row.salutation === 'ms' || row.salutation === 'mr') return t(`answer.salutation.${row.salutation}`, { name: surnameOf(row.name) });
  // Without a salutation the greeting is neutral and names the person as they wrote their name.
  return t('answer.salutation.other', { name: row.name });
}

/** The answer mail: the text staff typed, framed with salutation, closing, sender and reference. */
export function answerMail(row: RequestRow, subject: string, body: string, by: Answerer, org: Organisation) {
  const t = translator(contactStaffMessages, localeOf(row));
  return {
    to: row.email,
    subject,
    text: [
      salutationLine(row),
      body,
      `${t('answer.closing')}\n${by.name}\n${by.unit}\n${org.name}`,
      t('answer.reference', { reference: row.reference }),
    ].join('\n\n'),
    activity: ACTIVITY[row.kind],
    reference: row.reference,
    ...mailHandling(row.kind),
  };
}

/** The answer letter (DIN 5008); paragraphs are the text's blank-line-separated parts. */
export function answerLetter(row: RequestRow, address: string[], body: string, by: Answerer): NewLetter {
  const locale = localeOf(row);
  const t = translator(contactStaffMessages, locale);
  const addressee =
    row.salutation === 'ms' || row.salutation === 'mr' ? t(`answer.addressee.${row.salutation}`, { name: row.name }) : row.name;
  return {
    kind: 'written-answer',
    activity: ACTIVITY[row.kind],
    recipient: { name: addressee, address },
    subject: t('answer.letterSubject', { reference: row.reference }),
    salutation: salutationLine(row),
    paragraphs: body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    closing: t('answer.closing'),
    signature: [by.name, by.unit],
    reference: row.reference,
    contact: { name: by.name, email: by.email },
    language: locale,
  };
}
