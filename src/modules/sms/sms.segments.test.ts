import { describe, expect, test } from 'vitest';
import { recipientE164, smsSchema } from './sms.schema.ts';
import { countSegments } from './sms.segments.ts';

describe('SMS segments (GSM 03.38 / UCS-2)', () => {
  test('[C62] GSM-7: 160 septets in one SMS, 153 per part beyond; extension characters count twice', () => {
    expect(countSegments('')).toMatchObject({ encoding: 'GSM-7', units: 0, segments: 0 });
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('Grüße aus Köln: {[~]}')).toMatchObject({ encoding: 'GSM-7' });
  });

  test('[C62] UCS-2 as soon as one character is outside the alphabet: 70 per SMS, 67 per part; an emoji takes two units', () => {
    expect(countSegments('ç'.repeat(70))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments(`${'a'.repeat(70)}ł`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67 });
    expect(countSegments('😀')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
  });

  test('[C62] recipients must be valid numbers (E.164 via libphonenumber-js); premium-rate numbers are refused', () => {
    expect(recipientE164('0171 2345678')).toBe('+491712345678');
    // German mobiles only by default; other countries only where SMS_COUNTRIES names them.
    expect(recipientE164('+43 664 1234567')).toBeNull();
    expect(recipientE164('+43 664 1234567', ['DE', 'AT'])).toBe('+436641234567');
    expect(recipientE164('030 12345678')).toBeNull();
    expect(recipientE164('0049 171 2345678')).toBe('+491712345678');
    expect(recipientE164('12345')).toBeNull();
    expect(recipientE164('0900 1234567')).toBeNull();
    expect(smsSchema.safeParse({ recipient: '0171 2345678', text: 'x\u0000' }).success).toBe(false);
    expect(smsSchema.safeParse({ recipient: '0171 2345678', text: '   ' }).success).toBe(false);
    expect(smsSchema.safeParse({ recipient: '0171 2345678', text: 'Zeile 1\r\nZeile 2' }).success).toBe(true);
  });
});
