import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { CoreTables } from '../../core/db/index.ts';
import type { ConsentMethod, MediaBasis, MediaScope, MediaTables } from './media.tables.ts';

export type MediaDb = Kysely<MediaTables & CoreTables>;

const SCOPE_COLUMN: Record<MediaScope, 'scope_web' | 'scope_print' | 'scope_gallery'> = {
  web: 'scope_web',
  print: 'scope_print',
  gallery: 'scope_gallery',
};

/**
 * C31: the rule, in one place. A picture shows in a scope when the editors published it, no
 * depicted person's takedown request about it is open, and either an exception of § 23 KUG
 * applies or every depicted person has a consent record for that scope that is valid now.
 * Public routes evaluate it on every request, so an expiry takes effect the moment it passes.
 */
export function shownIn(scope: MediaScope, now: Date): Expression<SqlBool> {
  return sql<SqlBool>`(i.published
    and not exists (select 1 from media_takedowns t where t.item_id = i.id and t.handled_at is null)
    and ${lawfulIn(scope, now)})`;
}

/** An exception of § 23 KUG applies, or every depicted person's consent covers the scope now. */
export function lawfulIn(scope: MediaScope, now: Date): Expression<SqlBool> {
  const column = sql.ref(`c.${SCOPE_COLUMN[scope]}`);
  return sql<SqlBool>`(i.basis <> 'consent' or i.people <= (select count(*) from media_consents c where c.item_id = i.id and ${column}
      and c.given_on <= ${now} and (c.valid_until is null or c.valid_until > ${now})))`;
}

export interface ItemRow {
  id: string;
  title: string;
  alt_text: string;
  basis: MediaBasis;
  people: number;
  published: boolean;
  unpublished_reason: string | null;
  altered_at: Date | null;
  created_at: Date;
}

const ITEM_COLUMNS = [
  'i.id',
  'i.title',
  'i.alt_text',
  'i.basis',
  'i.people',
  'i.published',
  'i.unpublished_reason',
  'i.altered_at',
  'i.created_at',
] as const;

/** One picture if it is shown in the scope right now, else undefined. */
export async function shownItem(db: MediaDb, id: string, scope: MediaScope, now: Date): Promise<ItemRow | undefined> {
  return db
    .selectFrom('media_items as i')
    .select(ITEM_COLUMNS)
    .where('i.id', '=', id)
    .where(() => shownIn(scope, now))
    .executeTakeFirst();
}

export async function shownItems(db: MediaDb, scope: MediaScope, now: Date): Promise<ItemRow[]> {
  return db
    .selectFrom('media_items as i')
    .select(ITEM_COLUMNS)
    .where(() => shownIn(scope, now))
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .execute();
}

export async function getItem(db: MediaDb, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('media_items as i').select(ITEM_COLUMNS).where('i.id', '=', id).executeTakeFirst();
}

export async function listItems(db: MediaDb): Promise<ItemRow[]> {
  return db.selectFrom('media_items as i').select(ITEM_COLUMNS).orderBy('i.created_at', 'desc').orderBy('i.id').limit(500).execute();
}

/** Per scope, whether the item shows now (staff see why a picture is or is not online). */
export async function scopesShown(db: MediaDb, id: string, now: Date): Promise<Record<MediaScope, boolean>> {
  const row = await db
    .selectFrom('media_items as i')
    .select([
      sql<boolean>`${shownIn('web', now)}`.as('web'),
      sql<boolean>`${shownIn('print', now)}`.as('print'),
      sql<boolean>`${shownIn('gallery', now)}`.as('gallery'),
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  return { web: row?.web === true, print: row?.print === true, gallery: row?.gallery === true };
}

export interface NewItem {
  title: string;
  altText: string;
  basis: MediaBasis;
  people: number;
  published: boolean;
  uploadedBy: string;
}

export async function insertItem(db: MediaDb, item: NewItem, now: Date): Promise<string> {
  const row = await db
    .insertInto('media_items')
    .values({
      title: item.title,
      alt_text: item.altText,
      basis: item.basis,
      people: item.basis === 'consent' ? item.people : 0,
      published: item.published,
      unpublished_at: item.published ? null : now,
      unpublished_reason: item.published ? null : 'editor',
      altered_at: null,
      uploaded_by: item.uploadedBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setPublished(db: MediaDb, id: string, published: boolean, now: Date): Promise<void> {
  await db
    .updateTable('media_items')
    .set(
      published
        ? { published: true, unpublished_at: null, unpublished_reason: null }
        : { published: false, unpublished_at: now, unpublished_reason: 'editor' },
    )
    .where('id', '=', id)
    .execute();
}

export interface ConsentRow {
  id: string;
  person_name: string;
  scope_web: boolean;
  scope_print: boolean;
  scope_gallery: boolean;
  given_on: Date;
  method: ConsentMethod;
  valid_until: Date | null;
}

export async function consentsOf(db: MediaDb, itemId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('media_consents')
    .select(['id', 'person_name', 'scope_web', 'scope_print', 'scope_gallery', 'given_on', 'method', 'valid_until'])
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface NewConsent {
  personName: string;
  scopes: readonly MediaScope[];
  givenOn: Date;
  method: ConsentMethod;
  validUntil: Date | null;
  recordedBy: string;
}

export async function insertConsent(db: MediaDb, itemId: string, c: NewConsent, now: Date): Promise<string> {
  const row = await db
    .insertInto('media_consents')
    .values({
      item_id: itemId,
      person_name: c.personName,
      scope_web: c.scopes.includes('web'),
      scope_print: c.scopes.includes('print'),
      scope_gallery: c.scopes.includes('gallery'),
      given_on: c.givenOn,
      method: c.method,
      valid_until: c.validUntil,
      recorded_by: c.recordedBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Unpublishes pictures whose consent ran out: published, resting on consent, a consent record
 * of theirs expired, and shown in no public scope any more. The editors publish again once a
 * new consent is recorded; until then the public routes would refuse them anyway.
 */
export async function unpublishExpired(db: MediaDb, now: Date): Promise<number> {
  const result = await db
    .updateTable('media_items as i')
    .set({ published: false, unpublished_at: now, unpublished_reason: 'consent-expired' })
    .where('i.published', '=', true)
    .where('i.basis', '=', 'consent')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('media_consents as c').select('c.id').whereRef('c.item_id', '=', 'i.id').where('c.valid_until', '<=', now)),
    )
    .where(() => sql<SqlBool>`not ${lawfulIn('web', now)} and not ${lawfulIn('gallery', now)}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
