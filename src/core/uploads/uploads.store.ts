import type { AppContext } from '../module.ts';
import type { FileStore } from './uploads.store.contract.ts';
import { DatabaseFileStore } from './uploads.store.database.ts';
import { DiskFileStore } from './uploads.store.disk.ts';

export { type FileStore, FileStoreError } from './uploads.store.contract.ts';

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
