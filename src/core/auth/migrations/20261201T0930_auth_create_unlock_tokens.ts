import type { Kysely } from 'kysely';

/**
 * Links that let the owner of an account past a lock strangers caused by failing on it: mailed
 * to the account's address, stored only as a hash, good for one sign-in within an hour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_unlock_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('login_unlock_tokens_account').on('login_unlock_tokens').columns(['account_key', 'created_at']).execute();
}
