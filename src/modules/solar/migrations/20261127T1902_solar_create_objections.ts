import { type Kysely, sql } from 'kysely';

/**
 * Objections (C26), in two tables on purpose: `solar_blackouts` is what the public views exclude
 * and holds no personal data (the building's ALKIS id, its address key, when); `solar_objections`
 * holds who objected and how to reach them. Neither references solar_buildings, so both survive
 * every re-import of the tile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('solar_objections')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'tenant')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text')
    .addColumn('town', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('solar_blackouts')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('alkis_id', 'text', (c) => c.notNull())
    // Fallback when a later model gives the building a new ALKIS id.
    .addColumn('address_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // The objector's record may be erased on request; the blackout stays.
    .addColumn('objection_id', 'bigint', (c) => c.references('solar_objections.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('solar_blackouts_alkis_id').on('solar_blackouts').column('alkis_id').execute();
  await sql`create index solar_blackouts_address_key on solar_blackouts (address_key) where address_key is not null`.execute(db);
}
