import { type Kysely, sql, type Transaction } from 'kysely';
import { keyHash, newActivationKey, newLinkToken, normaliseKey, recoveryCodeHash } from './portal.keys.ts';
import type { KeyChannel, KeyPurpose, PortalTables } from './portal.tables.ts';

type Db = Kysely<PortalTables> | Transaction<PortalTables>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Customer numbers as printed on bills may carry spaces or dashes; the billing system's have none. */
export function normaliseCustomerNumber(input: string): string {
  return input.replace(/[\s\-/.]/g, '').toUpperCase();
}

/** Names compare without case, accents' composition, spacing or the ß/ss spelling. */
export function normaliseName(input: string): string {
  return input
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\s\-‐]+/g, ' ')
    .trim();
}

export async function customerByNumber(db: Db, customerNumber: string) {
  return db
    .selectFrom('portal_customers')
    .selectAll()
    .where('customer_number', '=', normaliseCustomerNumber(customerNumber))
    .executeTakeFirst();
}

export async function accountOfCustomer(db: Db, customerId: string) {
  return db.selectFrom('portal_accounts').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
}

export async function accountByEmail(db: Db, email: string) {
  return db.selectFrom('portal_accounts').selectAll().where(sql<string>`lower(email)`, '=', normaliseEmail(email)).executeTakeFirst();
}

export async function accountById(db: Db, id: string) {
  return db.selectFrom('portal_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A new online access waiting for activation. A pending access of the same customer or address
 * is replaced (a second registration voids the first one's key); an active one never is.
 */
export async function createPendingAccount(
  trx: Transaction<PortalTables>,
  input: { customerId: string; email: string; passwordHash: string; locale: 'de' | 'en'; now: Date },
): Promise<string> {
  await trx
    .deleteFrom('portal_accounts')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('customer_id', '=', input.customerId), eb(sql<string>`lower(email)`, '=', normaliseEmail(input.email))]))
    .execute();
  const { id } = await trx
    .insertInto('portal_accounts')
    .values({
      customer_id: input.customerId,
      email: input.email.trim(),
      password_hash: input.passwordHash,
      totp_secret: null,
      totp_last_step: null,
      status: 'pending',
      locale: input.locale,
      created_at: input.now,
      activated_at: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Issues a key and returns it in the clear, once: activation keys are typeable (from a letter),
 * links carry a long token. An earlier unused key of the same purpose stops working.
 */
export async function issueKey(
  db: Db,
  input: { accountId: string; purpose: KeyPurpose; channel: KeyChannel; expiresAt: Date; now: Date; newEmail?: string },
): Promise<string> {
  const key = input.purpose === 'activation' ? newActivationKey() : newLinkToken();
  await db
    .deleteFrom('portal_account_keys')
    .where('account_id', '=', input.accountId)
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('portal_account_keys')
    .values({
      account_id: input.accountId,
      purpose: input.purpose,
      channel: input.channel,
      key_hash: keyHash(input.purpose === 'activation' ? normaliseKey(key) : key),
      new_email: input.newEmail ?? null,
      created_at: input.now,
      expires_at: input.expiresAt,
      used_at: null,
    })
    .execute();
  return key;
}

export type ActivationResult = { ok: true; accountId: string } | { ok: false };

/**
 * Activates a pending access with its key. Each wrong try counts against the account's live key;
 * after `maxAttempts` it is void. A key works once: the update that spends it is conditional.
 */
export async function activateAccount(
  db: Kysely<PortalTables>,
  email: string,
  typedKey: string,
  now: Date,
  maxAttempts: number,
): Promise<ActivationResult> {
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('portal_account_keys as k')
      .innerJoin('portal_accounts as a', 'a.id', 'k.account_id')
      .select(['k.id', 'k.key_hash', 'a.id as account_id'])
      .where(sql<string>`lower(a.email)`, '=', normaliseEmail(email))
      .where('a.status', '=', 'pending')
      .where('k.purpose', '=', 'activation')
      .where('k.used_at', 'is', null)
      .where('k.expires_at', '>', now)
      .where('k.failed_attempts', '<', maxAttempts)
      .forUpdate()
      .executeTakeFirst();
    if (!live) return { ok: false };
    if (live.key_hash !== keyHash(normaliseKey(typedKey))) {
      await trx
        .updateTable('portal_account_keys')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', live.id)
        .execute();
      return { ok: false };
    }
    const spent = await trx
      .updateTable('portal_account_keys')
      .set({ used_at: now })
      .where('id', '=', live.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { ok: false };
    await trx.updateTable('portal_accounts').set({ status: 'active', activated_at: now }).where('id', '=', live.account_id).execute();
    return { ok: true, accountId: live.account_id };
  });
}

/** The live link key of a purpose (password reset, e-mail change), with its account. */
export async function liveLinkKey(db: Db, token: string, purpose: Exclude<KeyPurpose, 'activation'>, now: Date) {
  if (token.length > 100) return undefined;
  return db
    .selectFrom('portal_account_keys as k')
    .innerJoin('portal_accounts as a', 'a.id', 'k.account_id')
    .select(['k.id', 'k.new_email', 'a.id as account_id', 'a.email', 'a.customer_id', 'a.status'])
    .where('k.key_hash', '=', keyHash(token))
    .where('k.purpose', '=', purpose)
    .where('k.used_at', 'is', null)
    .where('k.expires_at', '>', now)
    .executeTakeFirst();
}

/** Spends a key; true only for the one request that spent it. */
export async function spendKey(db: Db, keyId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('portal_account_keys')
    .set({ used_at: now })
    .where('id', '=', keyId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends one of the account's recovery codes; true once per code (the array update is atomic). */
export async function useRecoveryCode(db: Db, accountId: string, code: string): Promise<boolean> {
  const hash = recoveryCodeHash(code);
  if (!hash) return false;
  const result = await db
    .updateTable('portal_accounts')
    .set((eb) => ({ recovery_code_hashes: eb.fn<string[]>('array_remove', ['recovery_code_hashes', eb.val(hash)]) }))
    .where('id', '=', accountId)
    .where((eb) => eb(eb.val(hash), '=', eb.fn.any('recovery_code_hashes')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
