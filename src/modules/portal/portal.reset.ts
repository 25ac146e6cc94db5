import { type Kysely, sql } from 'kysely';
import { countRequest } from '../../core/auth/index.ts';
import { type Locale, translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { accountByEmail } from './portal.accounts.ts';
import { keyHash, newLinkToken } from './portal.keys.ts';
import { portalMessages } from './portal.messages.ts';
import { PORTAL_PATHS } from './portal.paths.ts';
import { ACCESS_ACTIVITY } from './portal.privacy.ts';
import type { PortalTables } from './portal.tables.ts';

export const RESET_MINUTES = 60;
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * A password-reset link by e-mail to an active access. The answer never tells whether the
 * address has one, and neither does the time it takes: every request does the same work – the
 * look-up, a link and a mail written, and one transaction that counts the request against the
 * client address (a write on every path), then inside a savepoint replaces the account's reset
 * key through a SELECT that finds the account only when it is active, and stores the mail. The
 * savepoint is kept only for an active access.
 */
export async function requestPasswordReset(
  db: Kysely<PortalTables>,
  ctx: Pick<AppContext, 'config' | 'clock'>,
  input: { email: string; ip: string },
): Promise<void> {
  const cfg = ctx.config;
  const now = ctx.clock.now();
  const found = await accountByEmail(db, input.email);
  const account = found?.status === 'active' ? found : undefined;
  const locale = (account?.locale ?? 'de') as Locale;
  const token = newLinkToken();
  const link = `${cfg.PUBLIC_URL}${PORTAL_PATHS.newPassword[locale]}?key=${encodeURIComponent(token)}`;
  const t = translator(portalMessages, locale);
  const mail = {
    to: account?.email ?? 'niemand@example.invalid',
    subject: t('resetMail.subject'),
    text: t('resetMail.body', { link, org: cfg.organisation.shortName }),
    activity: ACCESS_ACTIVITY,
    secrets: [link],
  };
  const accountId = account?.id ?? NIL;
  await db.transaction().execute(async (trx) => {
    await countRequest(trx, `portal-reset-ip:${input.ip}`, now);
    await sql`savepoint reset`.execute(trx);
    await trx
      .deleteFrom('portal_account_keys')
      .where('account_id', '=', accountId)
      .where('purpose', '=', 'password-reset')
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('portal_account_keys')
      .columns(['account_id', 'purpose', 'channel', 'key_hash', 'created_at', 'expires_at'])
      .expression((eb) =>
        eb
          .selectFrom('portal_accounts')
          .select([
            'id',
            sql<string>`'password-reset'`.as('purpose'),
            sql<string>`'email'`.as('channel'),
            sql<string>`${keyHash(token)}::text`.as('key_hash'),
            sql<Date>`${now.toISOString()}::timestamptz`.as('created_at'),
            sql<Date>`${new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString()}::timestamptz`.as('expires_at'),
          ])
          .where('id', '=', accountId)
          .where('status', '=', 'active'),
      )
      .execute();
    await enqueueMail(trx, ctx, mail);
    if (account) await sql`release savepoint reset`.execute(trx);
    else await sql`rollback to savepoint reset`.execute(trx);
  });
}
