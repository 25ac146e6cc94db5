import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { AppContext } from '../module.ts';
import { type FileOwner, filesOf, type StoredFile, type StoredFileRendition } from './uploads.files.ts';
import { type FileStore, FileStoreError, fileStoreOf } from './uploads.store.ts';
import type { UploadsTables } from './uploads.tables.ts';

/** The file changed while it was being rewritten (another rewrite won): nothing of this one was kept. */
export class FileChangedError extends Error {}

/**
 * The bytes under a key, or null when they are gone – also when they went while being read
 * (the store says so with a FileStoreError): another rewrite of the file won and deleted them.
 */
async function readWhole(store: FileStore, key: string): Promise<Buffer | null> {
  const source = await store.get(key);
  if (!source) return null;
  try {
    return Buffer.concat(await source.toArray());
  } catch (err) {
    if (err instanceof FileStoreError) return null;
    throw err;
  }
}

/**
 * Replaces the bytes of every rendition of one file with what `transform` makes of them (e.g.
 * regions of a picture pixelated on a depicted person's request), and destroys the bytes that
 * were there: the new bytes go under new keys, the records switch to them in one transaction –
 * only if no other rewrite switched them first (a conditional update) – and then the old keys
 * are deleted from the store. The records keep no trace of the old content (hash, size).
 * A crash after the switch leaves the old bytes without a record; the sweep of strays removes them.
 */
export async function rewriteFile(
  ctx: AppContext,
  owner: FileOwner,
  fileId: string,
  transform: (bytes: Buffer, rendition: StoredFileRendition) => Promise<Buffer>,
): Promise<StoredFile> {
  const file = (await filesOf(ctx, owner)).find((f) => f.id === fileId);
  if (!file) throw new FileChangedError(`no file ${fileId} of ${owner.table} ${owner.id}`);
  const db = ctx.db.withTables<UploadsTables>();
  const store = fileStoreOf(ctx);
  const rows = await db.selectFrom('file_renditions').select(['name', 'storage_key']).where('file_id', '=', fileId).execute();
  const written: string[] = [];
  const changes: { name: string; oldKey: string; newKey: string; size: number; sha256: string }[] = [];
  try {
    for (const rendition of file.renditions) {
      const oldKey = rows.find((r) => r.name === rendition.name)?.storage_key;
      const before = oldKey ? await readWhole(store, oldKey) : null;
      // Another rewrite (or a deletion) got there first and removed these bytes.
      if (!oldKey || !before) throw new FileChangedError(`rendition ${rendition.name} of file ${fileId} has no bytes`);
      const bytes = await transform(before, rendition);
      const newKey = randomBytes(16).toString('hex');
      written.push(newKey);
      await store.put(newKey, Readable.from([bytes]));
      changes.push({ name: rendition.name, oldKey, newKey, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    await db.transaction().execute(async (trx) => {
      for (const c of changes) {
        const done = await trx
          .updateTable('file_renditions')
          .set({ storage_key: c.newKey, sha256: c.sha256 })
          .where('file_id', '=', fileId)
          .where('name', '=', c.name)
          .where('storage_key', '=', c.oldKey)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw new FileChangedError(`file ${fileId} changed during the rewrite`);
        await sql`update file_renditions set size_bytes = ${c.size} where file_id = ${fileId} and name = ${c.name}`.execute(trx);
        if (c.name === 'original')
          await sql`update files set sha256 = ${c.sha256}, size_bytes = ${c.size} where id = ${fileId}`.execute(trx);
      }
    });
  } catch (err) {
    await store.delete(written).catch((e) => ctx.log.error({ err: e }, 'rewritten bytes not removed after a failed rewrite'));
    throw err;
  }
  await store.delete(changes.map((c) => c.oldKey));
  return (await filesOf(ctx, owner)).find((f) => f.id === fileId) as StoredFile;
}
