import { describe, expect, test } from 'vitest';
import { limitLines, sanitiseLine, wrapText } from './letters.text.ts';

// Latin-1 plus the few WinAnsi extras used here, as a stand-in for the font's character set.
const winAnsiLike = (cp: number) =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || [0x20ac, 0x2013, 0x201e, 0x201c, 0x2026].includes(cp);
const charWidth = (text: string) => text.length * 5;

describe('letter text', () => {
  test('umlauts, ß and € stay; what the font lacks is transliterated or replaced, invisible characters go', () => {
    expect(sanitiseLine('Grüße aus Köln – 12 € „gut“', winAnsiLike)).toBe('Grüße aus Köln – 12 € „gut“');
    expect(sanitiseLine('Čapek Łódź Ǆ ﬁx −3', winAnsiLike)).toBe('Capek ?ódz DZ fix -3');
    expect(sanitiseLine('a\u0000b\u0007c\u202Ed\u200Be\tf\r\ng  h\u00ADi', winAnsiLike)).toBe('abcde f g hi');
    expect(sanitiseLine('李 😀 x\u0301', winAnsiLike)).toBe('? ? x');
  });

  test('lines break at spaces; an overlong word is cut, preferably after @ . - /', () => {
    expect(wrapText('eins zwei drei vier', 50, charWidth)).toEqual(['eins zwei', 'drei vier']);
    expect(wrapText('info@stadtwerke-musterstadt.example', 100, charWidth)).toEqual(['info@stadtwerke-', 'musterstadt.example']);
    const cut = wrapText('x'.repeat(95), 50, charWidth);
    expect(cut).toEqual(['x'.repeat(10), ...Array(8).fill('x'.repeat(10)), 'x'.repeat(5)]);
    expect(wrapText('', 50, charWidth)).toEqual([]);
    // Even a line narrower than one character advances.
    expect(wrapText('abc', 1, charWidth)).toEqual(['a', 'b', 'c']);
  });

  test('a cut is marked with an ellipsis that still fits', () => {
    expect(limitLines(['aaaa', 'bbbbbbbbbb', 'cc'], 2, 50, charWidth)).toEqual(['aaaa', 'bbbbbbbbb…']);
    expect(limitLines(['a', 'b'], 2, 50, charWidth)).toEqual(['a', 'b']);
  });
});
