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

/** The department of a general request, or the officer; in the language the person wrote in. */
export function answererFor(row: RequestRow, staffName: string, org: Organisation): Answerer {
  const t = translator(contactStaffMessages, localeOf(row));
  if (row.kind === 'dpo') return { name: staffName, unit: t('unit.dpo'), email: org.dataProtectionOfficer.email };
  if (row.kind === 'equal-treatment') return { name: staffName, unit: t('unit.equal-treatment'), email: org.equalTreatmentOfficer.email };
  const dept = org.departments.find((d) => d.id === row.topic);
  return { name: staffName, unit: dept?.name[localeOf(row)] ?? org.shortName, email: dept?.email ?? org.email };
}

export function salutationLine(row: RequestRow): string {
  const t = translator(contactStaffMessages, localeOf(row));
  if (row.salutation === 'ms' || row.salutation === 'mr') return t(`answer.salutation.${row.salutation}`, { name: row.name });
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
