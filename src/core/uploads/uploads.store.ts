import type { Readable } from 'node:stream';
import type { AppContext } from '../module.ts';
import { DatabaseFileStore } from './uploads.store.database.ts';
import { DiskFileStore } from './uploads.store.disk.ts';

/**
 * Where the bytes of uploaded files live, outside the web root. The database (`files`,
 * `file_renditions`) says which keys exist and whose they are; a store only keeps bytes under
 * keys. `put` is all or nothing: a write that fails (a full disk, a lost connection) leaves
 * nothing under the key.
 */
export interface FileStore {
  readonly kind: 'disk' | 'database';
  put(key: string, source: Readable): Promise<void>;
  /** The bytes, streamed; null when the key holds nothing. */
  get(key: string): Promise<Readable | null>;
  /** Removes the keys; keys that hold nothing are fine. */
  delete(keys: readonly string[]): Promise<void>;
  /** Keys stored before `before`: the sweep compares them with the records to find strays. */
  keysStoredBefore(before: Date): AsyncIterable<string>;
}

/** A store failed to take the bytes (disk full, store unreachable): nothing was kept. */
export class FileStoreError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'FileStoreError';
  }
}

const stores = new WeakMap<object, FileStore>();

/** The store the configuration chooses (UPLOAD_STORE), one per database handle. */
export function fileStoreOf(ctx: Pick<AppContext, 'config' | 'database'>): FileStore {
  let store = stores.get(ctx.database);
  if (!store) {
    store = ctx.config.UPLOAD_STORE === 'database' ? new DatabaseFileStore(ctx.database.db) : new DiskFileStore(ctx.config.uploadDir);
    stores.set(ctx.database, store);
  }
  return store;
}

/** Replaces the configured store, e.g. with one that wraps it to fail on purpose in a test. */
export function useFileStore(ctx: Pick<AppContext, 'database'>, store: FileStore): void {
  stores.set(ctx.database, store);
}
