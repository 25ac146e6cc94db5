import { describe, expect, test } from 'vitest';
import { mailboxKey, receiptCode, receiptHash } from './sponsoring.tokens.ts';

describe('sponsoring tokens', () => {
  test('[C41] addresses of the same mailbox fold to one key where the provider folds them', () => {
    expect(mailboxKey('Max.Muster+vote@GoogleMail.com')).toBe('maxmuster@gmail.com');
    expect(mailboxKey('m.a.x.muster@gmail.com')).toBe('maxmuster@gmail.com');
    expect(mailboxKey('max+x@posteo.de')).toBe('max@posteo.de');
    // elsewhere dots and tags may be different mailboxes
    expect(mailboxKey('max.muster+x@example.org')).toBe('max.muster+x@example.org');
    expect(mailboxKey('Max.Muster@Example.org')).toBe('max.muster@example.org');
  });

  test('a receipt code is stable for its token, differs between tokens, and its hash ignores case', () => {
    const a = receiptCode('k'.repeat(32), 'token-a');
    expect(a).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(receiptCode('k'.repeat(32), 'token-a')).toBe(a);
    expect(receiptCode('k'.repeat(32), 'token-b')).not.toBe(a);
    expect(receiptHash(a.toLowerCase())).toBe(receiptHash(a));
  });
});
