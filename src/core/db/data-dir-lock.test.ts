import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

describe('embedded database lock', () => {
  test('a second owner is refused while the first holds the lock; a stale lock is taken over', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'db');
    const unlock = lockDataDir(dir);
    writeFileSync(`${dir}.lock`, String(process.ppid)); // pretend another live process owns it
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    writeFileSync(`${dir}.lock`, '999999999'); // an owner that no longer exists
    const again = lockDataDir(dir);
    again();
    unlock();
    lockDataDir(dir)();
  });
});
