import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileStore, FileStoreError } from './uploads.store.contract.ts';

const KEY = /^[a-f0-9]{32}$/;

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Files in the data folder (`UPLOAD_DIR`, default DATA_DIR/files), readable by the service
 * user only. A write goes to a temporary name, is flushed to the disk and then renamed into
 * place, so after a crash or on a full disk a key holds the whole file or nothing.
 */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, source: Readable): Promise<void> {
    const target = this.pathOf(key);
    const dir = path.dirname(target);
    const temp = path.join(dir, `.${key}.${randomBytes(4).toString('hex')}.part`);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const out = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
      await pipeline(source, out);
      await fsyncPath(temp);
      await rename(temp, target);
      // The rename itself must reach the disk too, or a crash could forget it.
      await fsyncPath(dir);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => {});
      throw new FileStoreError(`could not store ${key}: ${(err as Error).message}`, err);
    }
  }

  async get(key: string): Promise<Readable | null> {
    // Opened before answering, not checked and opened later: a delete racing the read (another
    // takedown action rewriting the same picture) then removes only the name, and the open file
    // still reads whole. Checking first left a gap in which the stream's own open found nothing.
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return handle.createReadStream();
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) await rm(this.pathOf(key), { force: true });
  }

  async *keysStoredBefore(before: Date): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await readdir(this.root);
    } catch {
      return;
    }
    for (const shard of shards) {
      if (!/^[a-f0-9]{2}$/.test(shard)) continue;
      for (const name of await readdir(path.join(this.root, shard))) {
        const p = path.join(this.root, shard, name);
        const info = await stat(p).catch(() => null);
        if (!info || info.mtime >= before) continue;
        // A temporary file of a write that a crash interrupted: nothing refers to it.
        if (name.endsWith('.part')) await rm(p, { force: true });
        else if (KEY.test(name)) yield name;
      }
    }
  }
}
