import { describe, expect, test } from 'vitest';
import { fieldLines, readableKey } from './gdpr.record-fields.ts';

const fields = {
  commodity: { label: { de: 'Sparte', en: 'Supply' }, values: { electricity: { de: 'Strom', en: 'Electricity' } } },
  meterId: { label: { de: 'Zähler-ID', en: 'Meter id' }, internal: true as const },
};

describe('a record in words for the letter', () => {
  test('[C04] labels, codes in words, euros, dates without ISO, yes/no; internal keys left out', () => {
    const data = {
      commodity: 'electricity',
      meterId: '0b7c1e4e-8a59-4c1b-9c6e-2b1a1d3c4e5f',
      instalmentCents: 12500,
      start: '2022-05-01',
      registered: new Date('2026-06-15T10:00:00Z'),
      lastSeen: '2026-06-15T10:00:00.000Z',
      secondFactor: false,
      end: null,
    };
    expect(fieldLines({ data }, fields, 'de')).toEqual([
      'Sparte: Strom',
      'Instalment cents: 125,00 €',
      'Start: 01.05.2022',
      'Registered: 15.06.2026, 12:00',
      'Last seen: 15.06.2026, 12:00',
      'Second factor: Nein',
      'End: –',
    ]);
    expect(fieldLines({ data }, fields, 'en')[0]).toBe('Supply: Electricity');
    expect(fieldLines({ data }, fields, 'en')[1]).toBe('Instalment cents: €125.00');
  });

  test('[C04] a list of entries gets a line each; codes only the row can say come with the record', () => {
    const record = {
      data: { entries: [{ commodity: 'electricity', at: '2026-06-15T10:00:00.000Z' }], topics: ['baeder'] },
      valueWords: { baeder: { de: 'Bäder', en: 'Pools' } },
    };
    expect(fieldLines(record, fields, 'de')).toEqual(['Entries:', '– Sparte: Strom, At: 15.06.2026, 12:00', 'Topics: Bäder']);
  });

  test('an unknown key still reads as words', () => {
    expect(readableKey('answersAndNotes')).toBe('Answers and notes');
    expect(readableKey('customer_number')).toBe('Customer number');
  });
});
