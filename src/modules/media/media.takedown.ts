import { sql } from 'kysely';
import { translator } from '../../core/i18n/index.ts';
import { enqueueMail } from '../../core/mail/index.ts';
import type { AppContext } from '../../core/module.ts';
import { newReference } from '../../core/references.ts';
import { deleteFilesOf, filesOf, obscureVideo, rewriteFile } from '../../core/uploads/index.ts';
import { isPictureGone } from './media.gone.ts';
import { mediaMessages } from './media.messages.ts';
import { type Effect, obscure, pixelsOf, type Region } from './media.obscure.ts';
import { ACTIVITY, TAKEDOWN_PREFIX } from './media.paths.ts';
import type { MediaDb } from './media.queries.ts';
import type { MediaTables, TakedownOutcome, TakedownWish } from './media.tables.ts';

export const ITEM_TABLE = 'media_items';
export const CONSENT_TABLE = 'media_consents';

export interface NewTakedown {
  itemId: string | null;
  picture: string;
  wish: TakedownWish;
  details: string | null;
  name: string | null;
  email: string | null;
  locale: 'de' | 'en';
}

/** Stores a request; from this moment the picture it names is withheld from every public page. */
export async function recordTakedown(db: MediaDb, input: NewTakedown, now: Date): Promise<string> {
  const reference = newReference(TAKEDOWN_PREFIX, now);
  const row = {
    reference,
    item_id: input.itemId,
    picture: input.picture,
    wish: input.wish,
    details: input.details,
    name: input.name,
    email: input.email,
    locale: input.locale,
    created_at: now,
    handled_at: null,
    outcome: null,
    handled_by: null,
    anonymised_at: null,
  };
  try {
    await db.insertInto('media_takedowns').values(row).execute();
  } catch (err) {
    // Staff removed the picture between the lookup and this insert: the request is kept all the
    // same, naming the picture in the sender's words only (as when it named none of ours).
    if (!input.itemId || !isPictureGone(err)) throw err;
    await db
      .insertInto('media_takedowns')
      .values({ ...row, item_id: null })
      .execute();
  }
  return reference;
}

/**
 * Closes the open requests about a picture (those that named it, and the one staff act on),
 * each sender with an address told what was done, in the caller's transaction. The mail
 * quotes nothing the sender typed: the address was never confirmed.
 */
async function closeRequests(
  trx: MediaDb,
  ctx: AppContext,
  where: { itemId: string; takedownId?: string | undefined },
  outcome: TakedownOutcome,
  staffId: string,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('media_takedowns')
    .set({ handled_at: now, outcome, handled_by: staffId })
    .where('handled_at', 'is', null)
    .where((eb) => eb.or([eb('item_id', '=', where.itemId), ...(where.takedownId ? [eb('id', '=', where.takedownId)] : [])]))
    .returning(['id', 'reference', 'email', 'locale'])
    .execute();
  const org = ctx.config.organisation;
  for (const r of rows) {
    if (!r.email) continue;
    const t = translator(mediaMessages, r.locale);
    await enqueueMail(trx, ctx, {
      to: r.email,
      subject: t('mail.subject', { reference: r.reference }),
      text: t(outcome === 'removed' ? 'mail.removed' : 'mail.altered', { reference: r.reference, org: org.shortName }),
      activity: ACTIVITY.takedowns,
      reference: r.reference,
    });
  }
  return rows.map((r) => r.id);
}

/**
 * C32: the picture goes – its row, its consent records, every stored size of it and the
 * signed consent forms – and the requests about it are closed. Returns the ids for the audit.
 */
export async function removeItem(ctx: AppContext, itemId: string, staffId: string, takedownId?: string): Promise<string[]> {
  const db = ctx.db.withTables<MediaTables>();
  const now = ctx.clock.now();
  const files = (await filesOf(ctx, { table: ITEM_TABLE, id: itemId })).map((f) => f.id);
  const { closed, consents } = await db.transaction().execute(async (trx) => {
    const consents = (await trx.selectFrom('media_consents').select('id').where('item_id', '=', itemId).execute()).map((c) => c.id);
    const closed = await closeRequests(trx, ctx, { itemId, takedownId }, 'removed', staffId, now);
    await trx.deleteFrom('media_items').where('id', '=', itemId).execute();
    return { closed, consents };
  });
  // After the rows: a crash in between leaves files without owners, which the hourly sweep removes.
  await deleteFilesOf(ctx, { table: ITEM_TABLE, id: itemId });
  for (const id of consents) await deleteFilesOf(ctx, { table: CONSENT_TABLE, id });
  return [itemId, ...files, ...closed];
}

/**
 * C32: the regions are pixelated or blurred in every stored size of the picture – for a video,
 * in every frame of it and in each of its posters; the bytes as they were are destroyed (see
 * `rewriteFile`). Returns the ids for the audit.
 */
export async function obscureItem(
  ctx: AppContext,
  itemId: string,
  regions: readonly Region[],
  effect: Effect,
  staffId: string,
  takedownId?: string,
): Promise<string[]> {
  const db = ctx.db.withTables<MediaTables>();
  const owner = { table: ITEM_TABLE, id: itemId };
  const files = await filesOf(ctx, owner);
  for (const file of files) {
    await rewriteFile(ctx, owner, file.id, (bytes, rendition) =>
      rendition.mediaType.startsWith('video/')
        ? obscureVideo(ctx.config, bytes, (w, h) => regions.map((r) => pixelsOf(r, w, h)), effect)
        : obscure(bytes, rendition.mediaType, regions, effect),
    );
  }
  const now = ctx.clock.now();
  const closed = await db.transaction().execute(async (trx) => {
    await trx.updateTable('media_items').set({ altered_at: now }).where('id', '=', itemId).execute();
    return closeRequests(trx, ctx, { itemId, takedownId }, effect === 'pixelate' ? 'pixelated' : 'blurred', staffId, now);
  });
  return [itemId, ...files.map((f) => f.id), ...closed];
}

/** Staff close a request that needs no change to a picture (e.g. it named none of ours). */
export async function closeWithoutChange(ctx: AppContext, takedownId: string, staffId: string): Promise<boolean> {
  const db = ctx.db.withTables<MediaTables>();
  const r = await db
    .updateTable('media_takedowns')
    .set({ handled_at: ctx.clock.now(), outcome: 'closed', handled_by: staffId })
    .where('id', '=', takedownId)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open requests first, then the most recent. */
export async function listTakedowns(db: MediaDb) {
  return db
    .selectFrom('media_takedowns as t')
    .leftJoin('media_items as i', 'i.id', 't.item_id')
    .select(['t.id', 't.reference', 't.wish', 't.created_at', 't.handled_at', 't.outcome', 't.item_id', 't.picture', 'i.title'])
    .orderBy(sql`t.handled_at is null`, 'desc')
    .orderBy('t.created_at', 'desc')
    .limit(500)
    .execute();
}
