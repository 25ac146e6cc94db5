import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded files live, outside the web root. The database (`files`,
 * `file_renditions`) says which keys exist and whose they are; a store only keeps bytes under
 * keys. `put` is all or nothing: a write that fails (a full disk, a lost connection) leaves
 * nothing under the key.
 */
export interface FileStore {
  readonly kind: 'disk' | 'database';
  put(key: string, source: Readable): Promise<void>;
  /**
   * The bytes, streamed; null when the key holds nothing. A delete of the key after get() has
   * answered (another request's rewrite or removal) never yields fewer bytes: the stream reads
   * them whole or fails with a FileStoreError.
   */
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
