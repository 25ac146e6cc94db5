import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { CoreTables } from '../db/index.ts';
import { type FileStore, FileStoreError } from './uploads.store.contract.ts';
import type { UploadsTables } from './uploads.tables.ts';

/** Bytes per row: small enough to keep memory flat on both sides, large enough for few rows. */
const CHUNK = 512 * 1024;

/** The stream cut into pieces of `size` bytes (the last one shorter; an empty stream gives one empty piece). */
async function* chunksOf(source: Readable, size: number): AsyncIterable<Buffer> {
  let pending = Buffer.alloc(0);
  let yielded = false;
  for await (const chunk of source) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    while (pending.length >= size) {
      yield pending.subarray(0, size);
      yielded = true;
      pending = pending.subarray(size);
    }
  }
  if (pending.length > 0 || !yielded) yield pending;
}

/**
 * Files in the database (`file_blobs`, in chunks), for several instances behind a balancer:
 * every instance sees every file, backups hold files and records together, and a write is one
 * transaction, so it is whole or absent. Works on PGlite and PostgreSQL alike.
 */
export class DatabaseFileStore implements FileStore {
  readonly kind = 'database' as const;
  private readonly db: Kysely<UploadsTables>;

  constructor(db: Kysely<CoreTables>) {
    this.db = db.withTables<UploadsTables>();
  }

  async put(key: string, source: Readable): Promise<void> {
    const now = new Date();
    try {
      await this.db.transaction().execute(async (trx) => {
        let seq = 0;
        for await (const data of chunksOf(source, CHUNK)) {
          await trx.insertInto('file_blobs').values({ storage_key: key, seq, data, stored_at: now }).execute();
          seq += 1;
        }
      });
    } catch (err) {
      throw new FileStoreError(`could not store ${key}: ${(err as Error).message}`, err);
    }
  }

  async get(key: string): Promise<Readable | null> {
    // The first chunk and the number of chunks are read now: a small file (one chunk) is then
    // whole or null even if a delete follows at once (another takedown action on the same
    // picture), and a larger one that loses a chunk while being read fails instead of ending short.
    const first = await this.db
      .selectFrom('file_blobs')
      .select([
        'data',
        (eb) =>
          eb
            .selectFrom('file_blobs as b')
            .select((b) => b.fn.countAll<string>().as('n'))
            .where('b.storage_key', '=', key)
            .as('chunks'),
      ])
      .where('storage_key', '=', key)
      .where('seq', '=', 0)
      .executeTakeFirst();
    if (!first) return null;
    const db = this.db;
    const head = Buffer.from(first.data);
    const count = Number(first.chunks);
    // One chunk per read: a large file is never in memory as a whole.
    async function* chunks() {
      yield head;
      for (let seq = 1; seq < count; seq += 1) {
        const row = await db
          .selectFrom('file_blobs')
          .select('data')
          .where('storage_key', '=', key)
          .where('seq', '=', seq)
          .executeTakeFirst();
        if (!row) throw new FileStoreError(`${key} was deleted while being read (chunk ${seq} of ${count})`);
        yield Buffer.from(row.data);
      }
    }
    return Readable.from(chunks());
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.db.deleteFrom('file_blobs').where('storage_key', 'in', keys).execute();
  }

  async *keysStoredBefore(before: Date): AsyncIterable<string> {
    const rows = await this.db
      .selectFrom('file_blobs')
      .select('storage_key')
      .where('seq', '=', 0)
      .where('stored_at', '<', before)
      .execute();
    for (const r of rows) yield r.storage_key;
  }
}
