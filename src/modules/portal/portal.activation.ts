import type { Kysely } from 'kysely';
import { formatDateTime, type Locale, translator } from '../../core/i18n/i18n.ts';
import { type LetterContent, queueLetter, renderLetter } from '../../core/letters/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import type { Addressee } from './portal.tables.ts';

const day = (d: Date, locale: Locale) => formatDateTime(d, locale).split(',')[0] as string;

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

function activationLetter(
  ctx: Pick<AppContext, 'config'>,
  c: Addressee,
  key: string,
  expiresAt: Date,
  now: Date,
  locale: Locale,
): LetterContent {
  const t = translator(portalMessages, locale);
  return {
    recipient: { name: addresseeName(c, locale), address: [c.street, `${c.postcode} ${c.city}`] },
    subject: t('activationLetter.subject'),
    salutation: salutationOf(c, locale),
    paragraphs: [
      t('activationLetter.intro', { date: day(now, locale) }),
      key,
      t('activationLetter.how', { url: `${ctx.config.PUBLIC_URL}${PORTAL_PATHS.activate[locale]}`, until: day(expiresAt, locale) }),
      t('activationLetter.notYou'),
    ],
    closing: t('letter.closing'),
    references: [{ label: locale === 'de' ? 'Ihre Kundennummer' : 'Your customer number', value: c.customer_number }],
    language: locale,
  };
}

/** Sends the activation key the way the customer chose (C36), in the transaction that creates the access. */
export async function sendActivation(
  // biome-ignore lint: any caller's transaction, whatever tables it knows
  trx: Kysely<any>,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: { customer: Addressee; email: string; key: string; channel: 'post' | 'email'; expiresAt: Date; locale: Locale },
): Promise<void> {
  const { customer: c, key, locale } = input;
  const now = ctx.clock.now();
  if (input.channel === 'post') {
    await queueLetter(trx, ctx, {
      ...activationLetter(ctx, c, key, input.expiresAt, now, locale),
      kind: 'portal-activation-key',
      activity: ACCESS_ACTIVITY,
    });
    return;
  }
  const t = translator(portalMessages, locale);
  const link = `${ctx.config.PUBLIC_URL}${PORTAL_PATHS.activate[locale]}?email=${encodeURIComponent(input.email)}&key=${encodeURIComponent(key)}`;
  await enqueueMail(trx, ctx, {
    to: input.email,
    subject: t('activationMail.subject'),
    text: t('activationMail.body', {
      name: `${c.first_name} ${c.last_name}`.trim(),
      key,
      until: formatDateTime(input.expiresAt, locale),
      link,
      org: ctx.config.organisation.shortName,
    }),
    activity: ACCESS_ACTIVITY,
  });
}

const DECOY: Addressee = {
  customer_number: '0000000000',
  salutation: null,
  first_name: 'Erika',
  last_name: 'Mustermann',
  street: 'Musterstraße 1',
  postcode: '00000',
  city: 'Musterstadt',
};

/**
 * The work a registration that matches nothing does instead, so its answer takes about as long
 * as a real one (C35: the answer never tells whether a customer number exists). A letter is
 * rendered and thrown away; an e-mail costs next to nothing either way.
 */
export async function decoyActivation(ctx: Pick<AppContext, 'config' | 'clock'>, channel: 'post' | 'email', locale: Locale): Promise<void> {
  if (channel !== 'post') return;
  const now = ctx.clock.now();
  await renderLetter(activationLetter(ctx, DECOY, 'XXXX-XXXX-XXXX-XXXX', now, now, locale), ctx.config.organisation, now);
}
