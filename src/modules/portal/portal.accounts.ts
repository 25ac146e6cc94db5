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

/** The customer's access: the active one if there is one (several registrations may be pending). */
export async function accountOfCustomer(db: Db, customerId: string) {
  return db
    .selectFrom('portal_accounts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The access signing in with this address: the active one if there is one. */
export async function accountByEmail(db: Db, email: string) {
  return db
    .selectFrom('portal_accounts')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', normaliseEmail(email))
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function accountById(db: Db, id: string) {
  return db.selectFrom('portal_accounts').selectAll().where('id', '=', id).executeTakeFirst();
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
 * Activates a pending access with its key and the password chosen at registration: the key
 * proves the letter or mailbox, the password that it is the same person who registered, so a
 * key that reached the customer cannot switch on an access a stranger set up. Each wrong try
 * counts against the live keys of the address; after `maxAttempts` a key is void. A key works
 * once. Activation ends the other pending registrations of the customer and the address.
 */
export async function activateAccount(
  db: Kysely<PortalTables>,
  input: { email: string; key: string; password: string; now: Date; maxAttempts: number },
  verify: (hash: string | null, password: string) => Promise<boolean>,
): Promise<ActivationResult> {
  const email = normaliseEmail(input.email);
  const live = (trx: Transaction<PortalTables>) =>
    trx
      .selectFrom('portal_account_keys as k')
      .innerJoin('portal_accounts as a', 'a.id', 'k.account_id')
      .where(sql<string>`lower(a.email)`, '=', email)
      .where('a.status', '=', 'pending')
      .where('k.purpose', '=', 'activation')
      .where('k.used_at', 'is', null)
      .where('k.expires_at', '>', input.now)
      .where('k.failed_attempts', '<', input.maxAttempts);
  const countFailure = (trx: Transaction<PortalTables>, keyIds: string[]) =>
    keyIds.length
      ? trx
          .updateTable('portal_account_keys')
          .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
          .where('id', 'in', keyIds)
          .execute()
      : Promise.resolve();
  return db.transaction().execute(async (trx) => {
    const candidates = await live(trx)
      .select(['k.id', 'k.key_hash', 'a.id as account_id', 'a.customer_id', 'a.password_hash'])
      .forUpdate()
      .execute();
    const typed = keyHash(normaliseKey(input.key));
    const match = candidates.find((c) => c.key_hash === typed);
    // The password is checked whether or not a key matched: the answer takes as long either way.
    const passwordOk = await verify(match?.password_hash ?? null, input.password);
    if (!match || !passwordOk) {
      await countFailure(trx, match ? [match.id] : candidates.map((c) => c.id));
      return { ok: false };
    }
    const taken = await trx
      .selectFrom('portal_accounts')
      .select('id')
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('customer_id', '=', match.customer_id), eb(sql<string>`lower(email)`, '=', email)]))
      .executeTakeFirst();
    if (taken) return { ok: false };
    await trx.updateTable('portal_account_keys').set({ used_at: input.now }).where('id', '=', match.id).execute();
    await trx
      .updateTable('portal_accounts')
      .set({ status: 'active', activated_at: input.now })
      .where('id', '=', match.account_id)
      .execute();
    await trx
      .deleteFrom('portal_accounts')
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('customer_id', '=', match.customer_id), eb(sql<string>`lower(email)`, '=', email)]))
      .execute();
    return { ok: true, accountId: match.account_id };
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
