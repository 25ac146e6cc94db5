import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { CoreTables } from '../db/index.ts';
import { HttpError } from '../http/index.ts';
import type { AppContext } from '../module.ts';
import type { UploadedFile } from './uploads.form.ts';
import { fileStoreOf } from './uploads.store.ts';
import type { UploadsTables } from './uploads.tables.ts';

/** The row a file belongs to: a table of the owning module with an `id` column, and that row's id. */
export interface FileOwner {
  table: string;
  id: string;
}

export interface StoredFileRendition {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

export interface StoredFile {
  id: string;
  activity: string;
  owner: FileOwner;
  purpose: string;
  field: string;
  mediaType: string;
  size: number;
  sha256: string;
  originalName: string;
  createdAt: Date;
  renditions: readonly StoredFileRendition[];
}

/** Records the files for an owner inside the caller's transaction; returns their ids in order. */
export type AttachFiles = (owner: FileOwner, files?: readonly UploadedFile[]) => Promise<string[]>;

const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

function uploadsDb(ctx: Pick<AppContext, 'db'>): Kysely<UploadsTables> {
  return ctx.db.withTables<UploadsTables>();
}

const newKey = () => randomBytes(16).toString('hex');

/**
 * Stores checked files and the records that own them, all or nothing. The bytes go to the file
 * store first; then `work` runs in one transaction, writes the owner's row and calls `attach`
 * for the files that belong to it. If storing any byte fails (a full disk), `work` never runs
 * and the visitor gets a clear 503; if `work` fails, the stored bytes are removed again. Bytes
 * that a crash leaves behind without a record are removed by the sweep (`collectStrayFiles`).
 */
export async function saveWithFiles<T>(
  ctx: AppContext,
  files: readonly UploadedFile[],
  work: (trx: Transaction<CoreTables>, attach: AttachFiles) => Promise<T>,
): Promise<T> {
  const store = fileStoreOf(ctx);
  const keys = new Map<UploadedFile, string[]>();
  const written: string[] = [];
  try {
    for (const file of files) {
      const mine: string[] = [];
      for (const rendition of file.renditions) {
        const key = newKey();
        written.push(key);
        mine.push(key);
        await store.put(key, createReadStream(rendition.path));
      }
      keys.set(file, mine);
    }
  } catch (err) {
    ctx.log.error({ err }, 'uploaded files could not be stored');
    await store.delete(written).catch((e) => ctx.log.error({ err: e }, 'stored files not removed after a failed upload'));
    throw new HttpError(503, 'error.503.storage');
  }
  const attached = new Set<UploadedFile>();
  let result: T;
  try {
    result = await ctx.db.transaction().execute((outer) => {
      const trx = outer.withTables<UploadsTables>();
      return work(outer, async (owner, which = files) => {
        if (!TABLE.test(owner.table)) throw new Error(`not a table name: ${owner.table}`);
        const ids: string[] = [];
        for (const file of which) {
          const fileKeys = keys.get(file);
          if (!fileKeys) throw new Error('attach() was given a file that saveWithFiles() did not store');
          if (attached.has(file)) throw new Error('a file can belong to one owner only');
          const original = file.renditions[0];
          if (!original) throw new Error('a file without renditions');
          const row = await trx
            .insertInto('files')
            .values({
              activity: file.activity,
              owner_table: owner.table,
              owner_id: owner.id,
              purpose: file.purpose,
              field: file.field,
              media_type: file.mediaType,
              size_bytes: original.size,
              sha256: original.sha256,
              original_name: file.originalName,
              created_at: ctx.clock.now(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('file_renditions')
            .values(
              file.renditions.map((r, i) => ({
                file_id: row.id,
                name: r.name,
                storage_key: fileKeys[i] as string,
                media_type: r.mediaType,
                size_bytes: r.size,
                sha256: r.sha256,
                width: r.width,
                height: r.height,
              })),
            )
            .execute();
          attached.add(file);
          ids.push(row.id);
        }
        return ids;
      });
    });
  } catch (err) {
    await store.delete(written).catch((e) => ctx.log.error({ err: e }, 'stored files not removed after a failed transaction'));
    throw err;
  }
  // Files the work chose not to keep.
  const unused = files.filter((f) => !attached.has(f)).flatMap((f) => keys.get(f) ?? []);
  if (unused.length) await store.delete(unused);
  return result;
}

/** The records and their bytes, together: rows first (in one transaction), then the bytes. */
async function deleteFileRows(ctx: AppContext, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const db = uploadsDb(ctx);
  const keys = await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('file_renditions').select('storage_key').where('file_id', 'in', ids).execute();
    await trx.deleteFrom('files').where('id', 'in', ids).execute();
    return rows.map((r) => r.storage_key);
  });
  // A crash here leaves bytes without a record; the sweep of strays removes them.
  await fileStoreOf(ctx).delete(keys);
  return ids.length;
}

/** Deletes every file of the owner (e.g. an application withdrawn, a picture taken down). */
export async function deleteFilesOf(ctx: AppContext, owner: FileOwner): Promise<number> {
  const rows = await uploadsDb(ctx)
    .selectFrom('files')
    .select('id')
    .where('owner_table', '=', owner.table)
    .where('owner_id', '=', owner.id)
    .execute();
  return deleteFileRows(
    ctx,
    rows.map((r) => r.id),
  );
}

/** Deletes single files (e.g. one attachment replaced), checking that they belong to the owner. */
export async function deleteFiles(ctx: AppContext, owner: FileOwner, fileIds: readonly string[]): Promise<number> {
  if (fileIds.length === 0) return 0;
  const rows = await uploadsDb(ctx)
    .selectFrom('files')
    .select('id')
    .where('owner_table', '=', owner.table)
    .where('owner_id', '=', owner.id)
    .where('id', 'in', fileIds)
    .execute();
  return deleteFileRows(
    ctx,
    rows.map((r) => r.id),
  );
}

const SWEEP_BATCH = 500;

/**
 * Deletes the files whose owner row is gone, whoever deleted it: a retention rule, an erasure,
 * a cascade from a parent row, the module itself. The privacy engine runs this after every
 * retention rule that changed rows and after every erasure, so a file never outlives its
 * record; a scheduled run catches deletions made elsewhere.
 */
export async function sweepFilesOfGoneOwners(ctx: AppContext): Promise<number> {
  const db = uploadsDb(ctx);
  const owners = await db.selectFrom('files').select('owner_table').distinct().execute();
  const tables = new Set(
    (
      await sql<{ table_name: string }>`select table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id'`.execute(db)
    ).rows.map((r) => r.table_name),
  );
  let deleted = 0;
  for (const { owner_table: table } of owners) {
    if (!TABLE.test(table)) continue;
    // A table that no longer exists (its module removed) owns nothing any more.
    const exists = tables.has(table);
    for (;;) {
      const { rows: gone } = exists
        ? await sql<{ id: string }>`select f.id from files f where f.owner_table = ${table}
            and not exists (select 1 from ${sql.table(table)} o where o.id::text = f.owner_id) limit ${SWEEP_BATCH}`.execute(db)
        : await sql<{ id: string }>`select f.id from files f where f.owner_table = ${table} limit ${SWEEP_BATCH}`.execute(db);
      deleted += await deleteFileRows(
        ctx,
        gone.map((r) => r.id),
      );
      if (gone.length < SWEEP_BATCH) break;
    }
  }
  return deleted;
}

/** The files of an owner, oldest first, with their renditions (without the bytes). */
export async function filesOf(ctx: Pick<AppContext, 'db'>, owner: FileOwner): Promise<StoredFile[]> {
  const db = uploadsDb(ctx);
  const rows = await db
    .selectFrom('files')
    .selectAll()
    .where('owner_table', '=', owner.table)
    .where('owner_id', '=', owner.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const renditions = await db
    .selectFrom('file_renditions')
    .select(['file_id', 'name', 'media_type', 'size_bytes', 'sha256', 'width', 'height'])
    .where(
      'file_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activity: r.activity,
    owner: { table: r.owner_table, id: r.owner_id },
    purpose: r.purpose,
    field: r.field,
    mediaType: r.media_type,
    size: r.size_bytes,
    sha256: r.sha256,
    originalName: r.original_name,
    createdAt: r.created_at,
    renditions: renditions
      .filter((x) => x.file_id === r.id)
      .sort((a, b) => (a.name === 'original' ? -1 : b.name === 'original' ? 1 : a.name.localeCompare(b.name)))
      .map((x) => ({ name: x.name, mediaType: x.media_type, size: x.size_bytes, sha256: x.sha256, width: x.width, height: x.height })),
  }));
}

/** The storage key of one rendition of one file of the owner, or null. */
export async function renditionOf(
  ctx: Pick<AppContext, 'db'>,
  owner: FileOwner,
  fileId: string,
  name: string,
): Promise<{ file: StoredFile; rendition: StoredFileRendition; key: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const file = (await filesOf(ctx, owner)).find((f) => f.id === fileId);
  const rendition = file?.renditions.find((r) => r.name === name);
  if (!file || !rendition) return null;
  const row = await uploadsDb(ctx)
    .selectFrom('file_renditions')
    .select('storage_key')
    .where('file_id', '=', fileId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { file, rendition, key: row.storage_key } : null;
}

/**
 * Removes bytes that no record names: left by a crash between storing the bytes and committing
 * the record, or between deleting a record and its bytes. Only what is older than `before` is
 * touched, so uploads under way are safe. Folders of requests a crash interrupted go too.
 */
export async function collectStrayFiles(ctx: AppContext, before: Date): Promise<number> {
  const store = fileStoreOf(ctx);
  const db = uploadsDb(ctx);
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const known = new Set(
      (await db.selectFrom('file_renditions').select('storage_key').where('storage_key', 'in', batch).execute()).map((r) => r.storage_key),
    );
    const strays = batch.filter((k) => !known.has(k));
    await store.delete(strays);
    removed += strays.length;
    batch = [];
  };
  for await (const key of store.keysStoredBefore(before)) {
    batch.push(key);
    if (batch.length >= SWEEP_BATCH) await flush();
  }
  await flush();
  const incoming = path.join(ctx.config.uploadDir, '.incoming');
  for (const name of await readdir(incoming).catch(() => [] as string[])) {
    const info = await stat(path.join(incoming, name)).catch(() => null);
    if (info && info.mtime < before) await rm(path.join(incoming, name), { recursive: true, force: true });
  }
  return removed;
}
