import type { Kysely } from 'kysely';
import { formatDateTime, type Locale, translator } from '../../core/i18n/index.ts';
import { type LetterContent, type RenderedLetter, renderLetter, storeRenderedLetter } from '../../core/letters/index.ts';
import { enqueueMail, type OutgoingMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { addresseeName, salutationOf } from './portal.addressee.ts';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import type { Addressee } from './portal.tables.ts';

const day = (d: Date, locale: Locale) => formatDateTime(d, locale).split(',')[0] as string;

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

/** An activation ready to send: the letter already rendered, the mail already written. */
export interface PreparedActivation {
  letter: LetterContent & { kind: string; activity: string };
  rendered: RenderedLetter;
  mail: OutgoingMail;
}

/**
 * Renders the letter and writes the mail for an activation key, both every time: which one goes
 * out is decided later, so every registration costs the same work (the answer's timing tells
 * nothing). `mailTo` is the address the contract holds; without one the mail goes nowhere.
 */
export async function prepareActivation(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: { customer: Addressee; accountEmail: string; mailTo: string; key: string; expiresAt: Date; locale: Locale },
): Promise<PreparedActivation> {
  const { customer: c, key, locale } = input;
  const now = ctx.clock.now();
  const letter = {
    ...activationLetter(ctx, c, key, input.expiresAt, now, locale),
    kind: 'portal-activation-key',
    activity: ACCESS_ACTIVITY,
  };
  const t = translator(portalMessages, locale);
  const link = `${ctx.config.PUBLIC_URL}${PORTAL_PATHS.activate[locale]}?email=${encodeURIComponent(input.accountEmail)}&key=${encodeURIComponent(key)}`;
  return {
    letter,
    rendered: await renderLetter(letter, ctx.config.organisation, now),
    mail: {
      to: input.mailTo,
      subject: t('activationMail.subject'),
      text: t('activationMail.body', {
        name: `${c.first_name} ${c.last_name}`.trim(),
        key,
        until: formatDateTime(input.expiresAt, locale),
        link,
        org: ctx.config.organisation.shortName,
      }),
      activity: ACCESS_ACTIVITY,
      secrets: [key, link],
    },
  };
}

/** Stores the prepared letter or mail in the caller's transaction. */
export async function storeActivation(
  // biome-ignore lint: any caller's transaction, whatever tables it knows
  trx: Kysely<any>,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  prepared: PreparedActivation,
  channel: 'post' | 'email',
): Promise<void> {
  if (channel === 'post') await storeRenderedLetter(trx, ctx, prepared.letter, prepared.rendered);
  else await enqueueMail(trx, ctx, prepared.mail);
}

/** Who a registration that matches no customer is written for: the work is done, then rolled back. */
export const STAND_IN: Addressee = {
  customer_number: '0000000000',
  salutation: null,
  first_name: 'Erika',
  last_name: 'Mustermann',
  street: 'Musterstraße 1',
  postcode: '00000',
  city: 'Musterstadt',
};
