import { type Kysely, sql } from 'kysely';

/**
 * The media library: pictures (their bytes are files of the upload facility, owned by the item
 * row), one consent record per depicted person, and takedown requests of depicted people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('unpublished_at', 'timestamptz')
    .addColumn('unpublished_reason', 'text')
    .addColumn('altered_at', 'timestamptz')
    .addColumn('uploaded_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('media_items_basis', sql`basis in ('consent', 'crowd', 'landscape', 'public-figure', 'no-people')`)
    .addCheckConstraint('media_items_people', sql`(basis = 'consent' and people >= 1) or (basis <> 'consent' and people = 0)`)
    .execute();

  await db.schema
    .createTable('media_consents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('media_items.id').onDelete('cascade'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('scope_web', 'boolean', (c) => c.notNull())
    .addColumn('scope_print', 'boolean', (c) => c.notNull())
    .addColumn('scope_gallery', 'boolean', (c) => c.notNull())
    .addColumn('given_on', 'timestamptz', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('recorded_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('media_consents_method', sql`method in ('signed-form', 'photographer')`)
    .execute();
  await db.schema.createIndex('media_consents_item_idx').on('media_consents').column('item_id').execute();

  await db.schema
    .createTable('media_takedowns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('item_id', 'uuid', (c) => c.references('media_items.id').onDelete('set null'))
    .addColumn('picture', 'text', (c) => c.notNull())
    .addColumn('wish', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('handled_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('handled_by', 'uuid')
    .addColumn('anonymised_at', 'timestamptz')
    .addCheckConstraint('media_takedowns_wish', sql`wish in ('remove', 'unrecognisable')`)
    .execute();
  await db.schema.createIndex('media_takedowns_item_idx').on('media_takedowns').column('item_id').execute();
}
