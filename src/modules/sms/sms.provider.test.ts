import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../../core/logger.ts';
import { fileProvider } from './sms.provider.ts';

describe('SMS without a provider (demo)', () => {
  test('each SMS is written as a file only the service user can read, in a folder only it can open (security finding 13)', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-sms-')), 'sms');
    await fileProvider(dir, createLogger('silent')).send({ to: '+491712345678', text: 'Bis gleich!' });
    const [file] = readdirSync(dir);
    expect(JSON.parse(readFileSync(path.join(dir, file as string), 'utf8'))).toMatchObject({ to: '+491712345678', text: 'Bis gleich!' });
    expect(statSync(path.join(dir, file as string)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
