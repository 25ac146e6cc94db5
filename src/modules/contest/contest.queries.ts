import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { commitmentOf, entryHash, newSalt, normaliseSeed, selectWinners } from './contest.draw.ts';
import { SLUG } from './contest.paths.ts';
import type { ConsentBasis, ContestTables } from './contest.tables.ts';

export type ContestDb = Kysely<ContestTables>;

export interface NewEvent {
  slug: string;
  title: string;
  heldOn: string;
  consentBasis: ConsentBasis;
  consentNote: string;
}

/** Null when the short name is taken (a unique index decides, not a look-up first). */
export async function createEvent(db: ContestDb, event: NewEvent, now: Date): Promise<string | null> {
  const row = await db
    .insertInto('contest_events')
    .values({
      slug: event.slug,
      title: event.title,
      held_on: event.heldOn,
      consent_basis: event.consentBasis,
      consent_note: event.consentNote,
      created_at: now,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A short name from a URL is checked before it reaches SQL: anything else is simply not found. */
export async function eventBySlug(db: ContestDb, slug: string) {
  if (!SLUG.test(slug)) return undefined;
  return db.selectFrom('contest_events').selectAll().where('slug', '=', slug).executeTakeFirst();
}
export const eventById = (db: ContestDb, id: string) => db.selectFrom('contest_events').selectAll().where('id', '=', id).executeTakeFirst();

export async function listEvents(db: ContestDb) {
  return db
    .selectFrom('contest_events as e')
    .select([
      'e.id',
      'e.slug',
      'e.title',
      'e.held_on',
      'e.consent_basis',
      (eb) =>
        eb.selectFrom('contest_photos as p').whereRef('p.event_id', '=', 'e.id').select(sql<number>`count(*)::int`.as('n')).as('photos'),
      (eb) =>
        eb
          .selectFrom('contest_photos as p')
          .whereRef('p.event_id', '=', 'e.id')
          .where('p.in_gallery', '=', true)
          .select(sql<number>`count(*)::int`.as('n'))
          .as('published'),
    ])
    .orderBy('e.held_on', 'desc')
    .execute();
}

export const photoByHash = (db: ContestDb, hash: string) =>
  db.selectFrom('contest_photos').select(['id', 'event_id', 'in_gallery']).where('code_hash', '=', hash).executeTakeFirst();

export const photoById = (db: ContestDb, id: string) =>
  db.selectFrom('contest_photos').select(['id', 'event_id', 'in_gallery']).where('id', '=', id).executeTakeFirst();

export async function setGalleryChoice(db: ContestDb, photoId: string, inGallery: boolean, now: Date): Promise<void> {
  await db.updateTable('contest_photos').set({ in_gallery: inGallery, gallery_changed_at: now }).where('id', '=', photoId).execute();
}

export async function galleryPhotoIds(db: ContestDb, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contest_photos')
    .select('id')
    .where('event_id', '=', eventId)
    .where('in_gallery', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

const HOUR = 3_600_000;

/**
 * Takes one look-up from the site-wide hourly allowance of wrong codes; false when it is used
 * up. Taken before the look-up by a conditional upsert, so parallel guesses cannot overdraw it;
 * a code that turns out right gives its look-up back (`returnLookup`).
 */
export async function takeLookup(db: ContestDb, now: Date, max: number): Promise<boolean> {
  const window = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const row = await db
    .insertInto('contest_code_attempts')
    .values({ window_start: window, attempts: 1 })
    .onConflict((oc) =>
      oc
        .column('window_start')
        .doUpdateSet({ attempts: sql`contest_code_attempts.attempts + 1` })
        .where('contest_code_attempts.attempts', '<', max),
    )
    .returning('attempts')
    .executeTakeFirst();
  await db
    .deleteFrom('contest_code_attempts')
    .where('window_start', '<', new Date(window.getTime() - 24 * HOUR))
    .execute();
  return row !== undefined;
}

export async function returnLookup(db: ContestDb, now: Date): Promise<void> {
  const window = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  await db
    .updateTable('contest_code_attempts')
    .set({ attempts: sql`greatest(attempts - 1, 0)` })
    .where('window_start', '=', window)
    .execute();
}

// ---- the draw

export const drawOfEvent = (db: ContestDb, eventId: string) =>
  db.selectFrom('contest_draws').selectAll().where('event_id', '=', eventId).executeTakeFirst();

export type DrawRow = NonNullable<Awaited<ReturnType<typeof drawOfEvent>>>;

export interface NewDraw {
  title: string;
  prizes: string;
  winnersCount: number;
  entriesCloseAt: Date;
  randomSource: string;
  randomSourceAt: Date;
  termsDe: string;
  termsEn: string;
}

/** The draw of an event with its first terms; null if the event already has one. */
export async function createDraw(db: ContestDb, eventId: string, draw: NewDraw, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('contest_draws')
      .values({
        event_id: eventId,
        title: draw.title,
        prizes: draw.prizes,
        winners_count: draw.winnersCount,
        entries_close_at: draw.entriesCloseAt,
        random_source: draw.randomSource,
        random_source_at: draw.randomSourceAt,
        frozen_at: null,
        commitment: null,
        entry_count: null,
        seed: null,
        seed_entered_at: null,
        drawn_at: null,
        settled_at: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    await trx
      .insertInto('contest_terms')
      .values({ draw_id: row.id, version: 1, text_de: draw.termsDe, text_en: draw.termsEn, published_at: now })
      .execute();
    return row.id;
  });
}

/** A new version of the terms; entries made before keep the version they accepted. Not once frozen. */
export async function publishTerms(db: ContestDb, drawId: string, de: string, en: string, now: Date): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    // The draw row's lock orders concurrent publications, so versions count up without gaps.
    const draw = await trx.selectFrom('contest_draws').select('frozen_at').where('id', '=', drawId).forUpdate().executeTakeFirst();
    if (!draw || draw.frozen_at) return null;
    const last = await trx
      .selectFrom('contest_terms')
      .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
      .where('draw_id', '=', drawId)
      .executeTakeFirstOrThrow();
    const version = last.v + 1;
    await trx.insertInto('contest_terms').values({ draw_id: drawId, version, text_de: de, text_en: en, published_at: now }).execute();
    return version;
  });
}

export const termsOf = (db: ContestDb, drawId: string) =>
  db.selectFrom('contest_terms').selectAll().where('draw_id', '=', drawId).orderBy('version', 'desc').execute();

export interface NewEntry {
  drawId: string;
  photoId: string;
  firstName: string;
  lastName: string;
  street: string;
  postcode: string;
  city: string;
  email: string;
  locale: string;
}

export type EntryOutcome = { kind: 'entered'; id: string; entryHash: string } | { kind: 'closed' } | { kind: 'taken' };

/**
 * One entry per code: the unique index on the photo decides under parallel requests. The draw
 * row is read with a share lock, so an entry and the freezing of the list never cross: an
 * entry is either in the frozen list or refused.
 */
export async function insertEntry(db: ContestDb, entry: NewEntry, now: Date): Promise<EntryOutcome> {
  return db.transaction().execute(async (trx) => {
    const draw = await trx
      .selectFrom('contest_draws')
      .select(['id'])
      .where('id', '=', entry.drawId)
      .where('frozen_at', 'is', null)
      .where('entries_close_at', '>', now)
      .forShare()
      .executeTakeFirst();
    if (!draw) return { kind: 'closed' as const };
    const terms = await trx
      .selectFrom('contest_terms')
      .select(sql<number>`max(version)::int`.as('v'))
      .where('draw_id', '=', entry.drawId)
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    const salt = newSalt();
    const hash = entryHash(salt, id);
    const row = await trx
      .insertInto('contest_entries')
      .values({
        id,
        draw_id: entry.drawId,
        photo_id: entry.photoId,
        terms_version: terms.v,
        first_name: entry.firstName,
        last_name: entry.lastName,
        street: entry.street,
        postcode: entry.postcode,
        city: entry.city,
        email: entry.email,
        locale: entry.locale,
        salt,
        entry_hash: hash,
        created_at: now,
        publish_consent_at: null,
        prize_handed_over_at: null,
        settled_at: null,
      })
      .onConflict((oc) => oc.column('photo_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? { kind: 'entered' as const, id, entryHash: hash } : { kind: 'taken' as const };
  });
}

export const entryOfPhoto = (db: ContestDb, photoId: string) =>
  db.selectFrom('contest_entries').select(['id', 'entry_hash']).where('photo_id', '=', photoId).executeTakeFirst();

export const entriesOf = (db: ContestDb, drawId: string) =>
  db.selectFrom('contest_entries').selectAll().where('draw_id', '=', drawId).orderBy('created_at').execute();

export const drawList = (db: ContestDb, drawId: string) =>
  db.selectFrom('contest_draw_list').select(['entry_hash', 'winner_rank']).where('draw_id', '=', drawId).orderBy('entry_hash').execute();

/**
 * Freezes the list: no entry after this, and the commitment over the sorted entry hashes is
 * published. Only before the random value can be known.
 */
export async function freezeDraw(db: ContestDb, drawId: string, now: Date): Promise<'frozen' | 'too-late' | 'already'> {
  return db.transaction().execute(async (trx) => {
    const draw = await trx
      .updateTable('contest_draws')
      .set({ frozen_at: now })
      .where('id', '=', drawId)
      .where('frozen_at', 'is', null)
      .where('random_source_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    if (!draw) {
      const current = await trx.selectFrom('contest_draws').select('frozen_at').where('id', '=', drawId).executeTakeFirst();
      return current?.frozen_at ? 'already' : 'too-late';
    }
    const hashes = (await trx.selectFrom('contest_entries').select('entry_hash').where('draw_id', '=', drawId).execute()).map(
      (r) => r.entry_hash,
    );
    if (hashes.length)
      await trx
        .insertInto('contest_draw_list')
        .values(hashes.map((h) => ({ draw_id: drawId, entry_hash: h, winner_rank: null })))
        .execute();
    await trx
      .updateTable('contest_draws')
      .set({ commitment: commitmentOf(hashes), entry_count: hashes.length })
      .where('id', '=', drawId)
      .execute();
    return 'frozen';
  });
}

/** Enters the public random value once it is known and draws the winners from it, once. */
export async function drawWinners(db: ContestDb, drawId: string, seed: string, now: Date): Promise<'drawn' | 'not-yet' | 'already'> {
  return db.transaction().execute(async (trx) => {
    const draw = await trx
      .updateTable('contest_draws')
      .set({ seed: normaliseSeed(seed), seed_entered_at: now, drawn_at: now })
      .where('id', '=', drawId)
      .where('frozen_at', 'is not', null)
      .where('seed', 'is', null)
      .where('random_source_at', '<=', now)
      .returning(['winners_count'])
      .executeTakeFirst();
    if (!draw) {
      const current = await trx.selectFrom('contest_draws').select('seed').where('id', '=', drawId).executeTakeFirst();
      return current?.seed ? 'already' : 'not-yet';
    }
    const list = await trx.selectFrom('contest_draw_list').select('entry_hash').where('draw_id', '=', drawId).execute();
    const winners = selectWinners(
      list.map((r) => r.entry_hash),
      seed,
      draw.winners_count,
    );
    for (const [i, hash] of winners.entries())
      await trx
        .updateTable('contest_draw_list')
        .set({ winner_rank: i + 1 })
        .where('draw_id', '=', drawId)
        .where('entry_hash', '=', hash)
        .execute();
    return 'drawn';
  });
}

/** The winners' entries (while they exist), in the order drawn. */
export async function winnersOf(db: ContestDb, drawId: string) {
  return db
    .selectFrom('contest_draw_list as l')
    .innerJoin('contest_entries as e', 'e.entry_hash', 'l.entry_hash')
    .select([
      'l.winner_rank',
      'e.id',
      'e.first_name',
      'e.last_name',
      'e.email',
      'e.locale',
      'e.photo_id',
      'e.publish_consent_at',
      'e.prize_handed_over_at',
    ])
    .where('l.draw_id', '=', drawId)
    .where('l.winner_rank', 'is not', null)
    .orderBy('l.winner_rank')
    .execute();
}

/** The draw settled: every entry starts its deletion (C61); only winners with their prize handed over. */
export async function settleDraw(db: ContestDb, drawId: string, now: Date): Promise<'settled' | 'prizes-open' | 'not-drawn'> {
  return db.transaction().execute(async (trx) => {
    const draw = await trx.selectFrom('contest_draws').select(['drawn_at']).where('id', '=', drawId).forUpdate().executeTakeFirst();
    if (!draw?.drawn_at) return 'not-drawn';
    const open = await trx
      .selectFrom('contest_draw_list as l')
      .innerJoin('contest_entries as e', 'e.entry_hash', 'l.entry_hash')
      .select('e.id')
      .where('l.draw_id', '=', drawId)
      .where('l.winner_rank', 'is not', null)
      .where('e.prize_handed_over_at', 'is', null)
      .executeTakeFirst();
    if (open) return 'prizes-open';
    await trx.updateTable('contest_draws').set({ settled_at: now }).where('id', '=', drawId).where('settled_at', 'is', null).execute();
    await trx
      .updateTable('contest_entries')
      .set({ settled_at: now })
      .where('draw_id', '=', drawId)
      .where('settled_at', 'is', null)
      .execute();
    return 'settled';
  });
}
