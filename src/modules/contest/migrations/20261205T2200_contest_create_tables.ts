import { type Kysely, sql } from 'kysely';

/** Event photos with codes (C56, C57), the prize draw, its entries and its frozen list (C58–C61). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contest_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('consent_basis', 'text', (c) => c.notNull().check(sql`consent_basis in ('a-consent', 'f-legitimate-interests')`))
    .addColumn('consent_note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contest_photos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('contest_events.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('in_gallery', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('gallery_changed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contest_photos_event').on('contest_photos').columns(['event_id', 'in_gallery']).execute();

  await db.schema
    .createTable('contest_draws')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique().references('contest_events.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('prizes', 'text', (c) => c.notNull())
    .addColumn('winners_count', 'integer', (c) => c.notNull().check(sql`winners_count between 1 and 100`))
    .addColumn('entries_close_at', 'timestamptz', (c) => c.notNull())
    .addColumn('random_source', 'text', (c) => c.notNull())
    .addColumn('random_source_at', 'timestamptz', (c) => c.notNull())
    .addColumn('frozen_at', 'timestamptz')
    .addColumn('commitment', 'text')
    .addColumn('entry_count', 'integer')
    .addColumn('seed', 'text')
    .addColumn('seed_entered_at', 'timestamptz')
    .addColumn('drawn_at', 'timestamptz')
    .addColumn('settled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contest_terms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('draw_id', 'uuid', (c) => c.notNull().references('contest_draws.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text_de', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('contest_terms_version', ['draw_id', 'version'])
    .execute();

  await db.schema
    .createTable('contest_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('draw_id', 'uuid', (c) => c.notNull().references('contest_draws.id').onDelete('cascade'))
    .addColumn('photo_id', 'uuid', (c) => c.references('contest_photos.id').onDelete('set null'))
    .addColumn('terms_version', 'integer', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('publish_consent_at', 'timestamptz')
    .addColumn('prize_handed_over_at', 'timestamptz')
    .addColumn('settled_at', 'timestamptz')
    .execute();
  // One entry per code (C58), held by the database under parallel requests.
  await db.schema.createIndex('contest_entries_one_per_photo').on('contest_entries').column('photo_id').unique().execute();
  await db.schema.createIndex('contest_entries_draw').on('contest_entries').column('draw_id').execute();
  await db.schema.createIndex('contest_entries_email').on('contest_entries').column('email').execute();

  await db.schema
    .createTable('contest_draw_list')
    .addColumn('draw_id', 'uuid', (c) => c.notNull().references('contest_draws.id').onDelete('cascade'))
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .addColumn('winner_rank', 'integer')
    .addPrimaryKeyConstraint('contest_draw_list_pk', ['draw_id', 'entry_hash'])
    .execute();

  await db.schema
    .createTable('contest_code_attempts')
    .addColumn('window_start', 'timestamptz', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
}
