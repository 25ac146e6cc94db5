import { describe, expect, test } from 'vitest';
import { salutationLine, surnameOf } from './contact.answer.ts';
import type { RequestRow } from './contact.queries.ts';

describe('the salutation of an answer', () => {
  test('a formal salutation names the surname only, with its particles', () => {
    expect(surnameOf('Jonas Weber')).toBe('Weber');
    expect(surnameOf('Anna von der Heide')).toBe('von der Heide');
    expect(surnameOf('Hans Peter Müller')).toBe('Müller');
    expect(surnameOf('  Cher ')).toBe('Cher');
    expect(surnameOf('Von Trapp')).toBe('Trapp');
  });

  test('"Sehr geehrte Frau Weber" in German and English, and a neutral greeting without a salutation', () => {
    const row = (salutation: string, name: string, locale = 'de') => ({ salutation, name, locale }) as unknown as RequestRow;
    expect(salutationLine(row('ms', 'Jonas Weber'))).toBe('Sehr geehrte Frau Weber,');
    expect(salutationLine(row('mr', 'Piet van Dijk', 'en'))).toBe('Dear Mr van Dijk,');
    expect(salutationLine(row('diverse', 'Kim Schulz'))).toBe('Guten Tag Kim Schulz,');
    expect(salutationLine(row('none', 'Kim Schulz', 'en'))).toBe('Dear Kim Schulz,');
  });
});
