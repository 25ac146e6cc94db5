import { describe, expect, test } from 'vitest';
import { euroCents } from './sponsoring.schema.ts';

describe('amounts', () => {
  test('euros as people type them', () => {
    expect(euroCents('1500')).toBe(150_000);
    expect(euroCents('1.500')).toBe(150_000);
    expect(euroCents('1.500,50')).toBe(150_050);
    expect(euroCents('1500,5')).toBe(150_050);
    expect(euroCents('1500.50')).toBe(150_050);
    expect(euroCents('2 000 €')).toBe(200_000);
    expect(euroCents('abc')).toBeNull();
    expect(euroCents('-5')).toBeNull();
    expect(euroCents('1,2,3')).toBeNull();
  });
});
