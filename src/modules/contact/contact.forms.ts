import type { Locale, Localized } from '../../core/i18n/index.ts';
import { statementPaths } from '../../core/privacy/index.ts';
import type { RequestKind } from './contact.tables.ts';

export type FormKind = RequestKind | 'callback';

/** The register's activity of each form: the guard, the row scope and retention all hang on it. */
export const ACTIVITY: Record<FormKind, string> = {
  general: 'contact.requests',
  dpo: 'contact.officer-dpo',
  'equal-treatment': 'contact.officer-equal-treatment',
  callback: 'contact.callbacks',
};

/** Public addresses; the statement links to the data-protection officer's form, so it reads the path from there. */
export const PUBLIC_PATH: Record<FormKind, Localized> = {
  general: { de: '/kontakt', en: '/en/contact' },
  callback: { de: '/kontakt/rueckruf', en: '/en/contact/callback' },
  dpo: { de: statementPaths.de.dpoForm, en: statementPaths.en.dpoForm },
  'equal-treatment': { de: '/kontakt/gleichstellung', en: '/en/contact/equal-treatment' },
};

/** Each form's staff inbox. */
export const INBOX_PATH: Record<FormKind, string> = {
  general: '/staff/kontakt/anfragen',
  dpo: '/staff/kontakt/datenschutz',
  'equal-treatment': '/staff/kontakt/gleichstellung',
  callback: '/staff/kontakt/rueckrufe',
};

/** Reference prefixes: K(ontakt), R(ückruf), D(aten)S(chutz)B(eauftragte), G(leichstellungs)B(eauftragte). */
export const REFERENCE_PREFIX: Record<FormKind, string> = { general: 'K', callback: 'R', dpo: 'DSB', 'equal-treatment': 'GB' };

/** The statement's section of an activity, for the privacy note under each form. */
export function statementAnchor(kind: FormKind, locale: Locale): string {
  return `${statementPaths[locale].statement}#${ACTIVITY[kind].replace('.', '-')}`;
}

export const REQUEST_KINDS: readonly RequestKind[] = ['general', 'dpo', 'equal-treatment'];
