import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-db.ts';
import { FileStoreError } from './uploads.store.contract.ts';
import { DatabaseFileStore } from './uploads.store.database.ts';
import { DiskFileStore } from './uploads.store.disk.ts';

const newKey = () => randomBytes(16).toString('hex');
const bytes = (n: number) => randomBytes(n);

/**
 * A key deleted while someone reads it: two takedown actions on one picture, the loser reading
 * bytes the winner is deleting. A reader gets the bytes whole, or null, or a FileStoreError –
 * never an unexpected system error (a 500) and never fewer bytes than were stored.
 */
describe('a file store read racing a delete of the same key', () => {
  let database: TestDatabase;
  let root: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    root = mkdtempSync(path.join(os.tmpdir(), 'store-race-'));
  });
  afterAll(async () => {
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('disk: the file removed the moment get() has answered still reads whole', async () => {
    const store = new DiskFileStore(root);
    const key = newKey();
    const stored = bytes(10_000);
    await store.put(key, Readable.from([stored]));
    const source = await store.get(key);
    // Synchronously, before the stream does anything more: the widest the race can get.
    unlinkSync(path.join(root, key.slice(0, 2), key));
    expect(source).not.toBeNull();
    expect(Buffer.concat(await (source as Readable).toArray()).equals(stored)).toBe(true);
    expect(await store.get(key)).toBeNull();
  });

  test('database: a file deleted after get() answered reads whole or fails with FileStoreError, never short', async () => {
    const store = new DatabaseFileStore(database.db);
    // One chunk and three: the first read and a later one may each be the one that misses.
    for (const size of [10_000, 3 * 512 * 1024 + 7]) {
      const key = newKey();
      const stored = bytes(size);
      await store.put(key, Readable.from([stored]));
      const source = await store.get(key);
      await store.delete([key]);
      expect(source).not.toBeNull();
      const read = await (source as Readable).toArray().then(
        (chunks) => Buffer.concat(chunks),
        (err: unknown) => err,
      );
      if (read instanceof Buffer) expect(read.equals(stored), `${size} bytes read as ${read.length}`).toBe(true);
      else expect(read).toBeInstanceOf(FileStoreError);
      expect(await store.get(key)).toBeNull();
    }
  });
});
