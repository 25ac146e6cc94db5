import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { epwFile, solarDataPath, tileFile } from './compute/test-data.ts';
import { DEMO_TILE, DEMO_WEATHER } from './solar.seed.ts';
import { openPlain, plainName, readPlain } from './solar.source-file.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('compressed tiles and weather years', () => {
  test('the demo data in the repository decompresses to byte-identical copies of the reference files', async () => {
    expect(plainName(DEMO_TILE)).toBe(tileFile);
    expect(plainName(DEMO_WEATHER)).toBe(epwFile);
    const readme = readFileSync(path.join(path.dirname(DEMO_TILE), 'README.md'), 'utf8');
    for (const [demo, reference] of [
      [DEMO_TILE, tileFile],
      [DEMO_WEATHER, epwFile],
    ] as const) {
      const plain = await readPlain(demo);
      expect(sha256(plain)).toBe(sha256(readFileSync(solarDataPath(reference))));
      expect(readme).toContain(sha256(plain));
      // compressed to a small part of the plain size (the reason they may live in the repository)
      expect(readFileSync(demo).length).toBeLessThan(plain.length / 7);
    }
  });

  test('gzip works as well as brotli, and progress counts the bytes of the file on disk', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-gz-'));
    const plain = Buffer.from('x'.repeat(300_000));
    const file = path.join(dir, 'tile.gml.gz');
    writeFileSync(file, gzipSync(plain));
    const source = openPlain(file, 1024);
    const parts: Buffer[] = [];
    for await (const chunk of source.stream) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
    expect(source.bytesRead()).toBe(readFileSync(file).length);
    expect(plainName(file)).toBe('tile.gml');
  });

  test('a damaged compressed file fails with an error, not with truncated data', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'solar-gz-'));
    const file = path.join(dir, 'tile.gml.gz');
    const whole = gzipSync(Buffer.from(randomBytes(50_000).toString('hex')));
    writeFileSync(file, whole.subarray(0, whole.length / 2));
    await expect(readPlain(file)).rejects.toThrow();
  });
});
