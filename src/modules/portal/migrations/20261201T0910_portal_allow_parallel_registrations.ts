import { type Kysely, sql } from 'kysely';

/**
 * Registrations no longer replace each other: a customer (or an address) may have several
 * pending accesses, each waiting for its own key, but at most one active access each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_accounts drop constraint portal_accounts_customer_id_key`.execute(db);
  await sql`drop index portal_accounts_email`.execute(db);
  await sql`create unique index portal_accounts_active_customer on portal_accounts (customer_id) where status = 'active'`.execute(db);
  await sql`create unique index portal_accounts_active_email on portal_accounts (lower(email)) where status = 'active'`.execute(db);
  await sql`create index portal_accounts_customer on portal_accounts (customer_id)`.execute(db);
  await sql`create index portal_accounts_email on portal_accounts (lower(email))`.execute(db);
}
