import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CODE_ALPHABET, CODE_BITS, codeHash, formatCode, newCode, normaliseCode } from './contest.codes.ts';
import { commitmentOf, entryHash, selectWinners, verifyDraw } from './contest.draw.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const hashes = Array.from({ length: 25 }, (_, i) => sha(`entry ${i}`));

describe('photo codes', () => {
  test('[C56] a code has at least 40 bits, no look-alike characters, and is printed in groups', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(40);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U', 'V']) expect(CODE_ALPHABET).not.toContain(ambiguous);
    const codes = new Set(Array.from({ length: 2000 }, newCode));
    expect(codes.size).toBe(2000);
    const code = [...codes][0] as string;
    expect(formatCode(code)).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normaliseCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
    expect(normaliseCode('0000-1111-OOOO')).toBeNull();
    expect(normaliseCode('ABCD')).toBeNull();
  });

  test('[C56] a code is stored as a keyed hash: another key gives another value', () => {
    const code = newCode();
    expect(codeHash('key one that is long enough....', code)).not.toBe(codeHash('key two that is long enough....', code));
    expect(codeHash('key one that is long enough....', code)).not.toContain(code);
  });
});

describe('the verifiable draw', () => {
  test('the commitment is SHA-256 over the sorted hashes, each ending in a line feed', () => {
    const sorted = [...hashes].sort();
    expect(commitmentOf([...hashes].reverse())).toBe(sha(sorted.map((h) => `${h}\n`).join('')));
    expect(entryHash('ab', 'cd')).toBe(sha('abcd'));
  });

  test('the winners follow from the seed exactly as the page describes, without bias', () => {
    // The described steps, written out once more independently.
    const pool = [...hashes].sort();
    const expected: string[] = [];
    let counter = 0;
    while (expected.length < 3) {
      const n = BigInt(pool.length);
      const x = BigInt(`0x${sha(`3 11 19 27 38 45:${counter++}`).slice(0, 16)}`);
      if (x >= (1n << 64n) - ((1n << 64n) % n)) continue;
      expected.push(pool.splice(Number(x % n), 1)[0] as string);
    }
    expect(selectWinners(hashes, '  3 11  19 27 38 45 ', 3)).toEqual(expected);
    expect(new Set(expected).size).toBe(3);
    expect(selectWinners(hashes, 'another value', 3)).not.toEqual(expected);
    expect(selectWinners(hashes.slice(0, 2), 'x', 5)).toHaveLength(2);
  });

  test('verification finds a changed list or changed winners', () => {
    const winners = selectWinners(hashes, 'seed', 2);
    const published = {
      draw: 'd',
      entryHashes: hashes,
      commitment: commitmentOf(hashes),
      randomSource: 's',
      seed: 'seed',
      winnersCount: 2,
      winners,
    };
    expect(verifyDraw(published)).toMatchObject({ commitmentMatches: true, winnersMatch: true });
    expect(verifyDraw({ ...published, entryHashes: hashes.slice(1) }).commitmentMatches).toBe(false);
    expect(verifyDraw({ ...published, winners: [...winners].reverse() }).winnersMatch).toBe(false);
  });
});
