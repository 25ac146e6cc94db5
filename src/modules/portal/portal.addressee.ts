import { type Locale, translator } from '../../core/i18n/index.ts';
import { portalMessages } from './portal.messages.ts';
import type { Addressee } from './portal.tables.ts';

/** The salutation of a letter to the customer, from the contract's salutation. */
export function salutationOf(c: Pick<Addressee, 'salutation' | 'first_name' | 'last_name'>, locale: Locale): string {
  const t = translator(portalMessages, locale);
  if (c.salutation === 'ms') return t('letter.salutation.ms', { name: c.last_name });
  if (c.salutation === 'mr') return t('letter.salutation.mr', { name: c.last_name });
  return t('letter.salutation.none', { name: `${c.first_name} ${c.last_name}`.trim() });
}

/** The customer's name as a letter's address field has it: "Frau Erika Mustermann". */
export function addresseeName(c: Pick<Addressee, 'salutation' | 'first_name' | 'last_name'>, locale: Locale): string {
  const prefix = locale === 'de' ? { ms: 'Frau', mr: 'Herrn' } : { ms: 'Ms', mr: 'Mr' };
  return `${c.salutation ? `${prefix[c.salutation]} ` : ''}${c.first_name} ${c.last_name}`.replace(/\s+/g, ' ').trim();
}
