import { type Kysely, sql } from 'kysely';
import { countRequest, hashPassword } from '../../core/auth/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { customerByNumber, normaliseEmail, normaliseName } from './portal.accounts.ts';
import { prepareActivation, STAND_IN, storeActivation } from './portal.activation.ts';
import { keyHash, newActivationKey, normaliseKey } from './portal.keys.ts';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import type { PortalTables } from './portal.tables.ts';

/** Registrations of one customer that may wait for their keys at once; more are answered, not sent. */
export const MAX_PENDING_REGISTRATIONS = 3;
/** Registrations one client address may make in a day before its registrations send nothing more. */
export const REGISTRATIONS_PER_ADDRESS = 20;
const NIL = '00000000-0000-0000-0000-000000000000';

export interface Registration {
  /** The client address, counted against REGISTRATIONS_PER_ADDRESS. */
  ip: string;
  customerNumber: string;
  name: string;
  postcode: string;
  email: string;
  password: string;
  channel: 'post' | 'email';
  locale: Locale;
}

/**
 * A registration (C35, C36). With customer number, surname and postcode (all on any bill) nobody
 * gets a key: it goes by e-mail only to the address the contract holds, otherwise by letter to
 * the postal address on file. A registration never replaces another one that waits for its
 * key, and its answer is the same whatever matched.
 *
 * Every registration does the same work, so its timing tells nothing either: one password hash,
 * the same four look-ups, a letter rendered and a mail written, and one transaction with the same
 * statements on every path: count the registration against the client address (so every path
 * commits a write), then, inside a savepoint, insert the access and its key through a SELECT that
 * finds the customer only when the registration may go ahead and store one letter or mail; the
 * savepoint is kept when something is to be sent (the key, or a notice to the holder of an
 * active access) and rolled back otherwise.
 */
export async function register(db: Kysely<PortalTables>, ctx: Pick<AppContext, 'config' | 'clock'>, r: Registration): Promise<void> {
  const cfg = ctx.config;
  const now = ctx.clock.now();
  const email = normaliseEmail(r.email);
  const passwordHash = await hashPassword(r.password);
  const found = await customerByNumber(db, r.customerNumber);
  const customer = found && normaliseName(found.last_name) === normaliseName(r.name) && found.postcode === r.postcode ? found : undefined;
  const customerId = customer?.id ?? NIL;
  const active = await db
    .selectFrom('portal_accounts')
    .select(['id', 'email', 'locale'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const addressTaken = await db
    .selectFrom('portal_accounts')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const { pending } = await db
    .selectFrom('portal_accounts')
    .select((eb) => eb.fn.countAll<number>().as('pending'))
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const mayGoAhead = customer !== undefined && !active && !addressTaken && Number(pending) < MAX_PENDING_REGISTRATIONS;
  const onFile = customer?.email ? normaliseEmail(customer.email) : null;
  // By e-mail only to the contract's own address; any other address gets the key by letter.
  const channel = r.channel === 'email' && onFile === email ? 'email' : 'post';
  const expiresAt = new Date(
    now.getTime() + (channel === 'post' ? cfg.PORTAL_ACTIVATION_POST_DAYS * 86_400_000 : cfg.PORTAL_ACTIVATION_EMAIL_HOURS * 3_600_000),
  );
  const key = newActivationKey();
  const prepared = await prepareActivation(ctx, {
    customer: customer ?? STAND_IN,
    accountEmail: r.email.trim(),
    mailTo: onFile ?? 'niemand@example.invalid',
    key,
    expiresAt,
    locale: r.locale,
  });
  // The holder of an active access hears of the attempt; the one registering learns nothing.
  const holderNotice = customer && active ? noticeToHolder(ctx, active.email, active.locale as Locale) : null;
  await db.transaction().execute(async (trx) => {
    const counted = await countRequest(trx, `portal-register-ip:${r.ip}`, now);
    const goAhead = mayGoAhead && counted <= REGISTRATIONS_PER_ADDRESS;
    await sql`savepoint registration`.execute(trx);
    const inserted = await trx
      .insertInto('portal_accounts')
      .columns(['customer_id', 'email', 'password_hash', 'status', 'locale', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('portal_customers')
          .select([
            'id',
            sql<string>`${r.email.trim()}::text`.as('email'),
            sql<string>`${passwordHash}::text`.as('password_hash'),
            sql<string>`'pending'`.as('status'),
            sql<string>`${r.locale}::text`.as('locale'),
            sql<Date>`${now.toISOString()}::timestamptz`.as('created_at'),
          ])
          .where('id', '=', goAhead ? customerId : NIL),
      )
      .returning('id')
      .executeTakeFirst();
    await trx
      .insertInto('portal_account_keys')
      .columns(['account_id', 'purpose', 'channel', 'key_hash', 'created_at', 'expires_at'])
      .expression((eb) =>
        eb
          .selectFrom('portal_accounts')
          .select([
            'id',
            sql<string>`'activation'`.as('purpose'),
            sql<string>`${channel}::text`.as('channel'),
            sql<string>`${keyHash(normaliseKey(key))}::text`.as('key_hash'),
            sql<Date>`${now.toISOString()}::timestamptz`.as('created_at'),
            sql<Date>`${expiresAt.toISOString()}::timestamptz`.as('expires_at'),
          ])
          .where('id', '=', inserted?.id ?? NIL),
      )
      .execute();
    if (holderNotice) await enqueueMail(trx, ctx, holderNotice);
    else await storeActivation(trx, ctx, prepared, channel);
    if (goAhead || holderNotice) await sql`release savepoint registration`.execute(trx);
    else await sql`rollback to savepoint registration`.execute(trx);
  });
}

function noticeToHolder(ctx: Pick<AppContext, 'config'>, to: string, locale: Locale) {
  const t = translator(portalMessages, locale);
  return {
    to,
    subject: t('existingMail.subject'),
    text: t('existingMail.body', {
      link: `${ctx.config.PUBLIC_URL}${PORTAL_PATHS.forgotPassword[locale]}`,
      org: ctx.config.organisation.shortName,
    }),
    activity: ACCESS_ACTIVITY,
  };
}
