import { describe, expect, test } from 'vitest';
import { addressKey, compareHouseNumbers, numberKey, splitAddress, streetKey } from './solar.address.ts';

describe('address keys', () => {
  test('spelling variants of one street meet; a prefix finds the street', () => {
    const key = streetKey('Von-Byland-Straße');
    expect(key).toBe('vonbylandstr');
    for (const typed of ['von byland strasse', 'Von-Byland-Str.', 'VON BYLAND STR', 'Von–Byland Straße'])
      expect(streetKey(typed)).toBe(key);
    expect(key.startsWith(streetKey('von byl'))).toBe(true);
    expect(streetKey('Müller-Weg')).toBe('muellerweg');
    expect(streetKey('Straße des 17. Juni')).toBe(streetKey('Str. des 17. Juni'));
    expect(streetKey('***')).toBe('');
  });

  test('house numbers ignore spaces and case; different numbers stay different', () => {
    expect(numberKey('12 a')).toBe('12a');
    expect(numberKey('12A')).toBe('12a');
    expect(numberKey('12–14')).toBe('12-14');
    expect(numberKey('12')).not.toBe(numberKey('120'));
  });

  test('the town is part of the address key', () => {
    expect(addressKey('Hauptstraße', '1', 'Selfkant')).toBe(addressKey('Hauptstr.', '1', 'SELFKANT'));
    expect(addressKey('Hauptstraße', '1', 'Selfkant')).not.toBe(addressKey('Hauptstraße', '1', 'Gangelt'));
  });

  test('a number typed into the street field is split off, unless a number was given', () => {
    expect(splitAddress('Holzstraße 6a', '')).toEqual({ street: 'Holzstraße', number: '6a' });
    expect(splitAddress('Straße des 17. Juni 12', '')).toEqual({ street: 'Straße des 17. Juni', number: '12' });
    expect(splitAddress('Holzstraße', ' 4 ')).toEqual({ street: 'Holzstraße', number: '4' });
    expect(splitAddress('Holzstraße 6', '8')).toEqual({ street: 'Holzstraße 6', number: '8' });
    expect(splitAddress('Zum Haus Millen', '')).toEqual({ street: 'Zum Haus Millen', number: '' });
  });

  test('house numbers sort naturally', () => {
    expect(['10', '2', '10a', '1'].sort(compareHouseNumbers)).toEqual(['1', '2', '10', '10a']);
  });
});
