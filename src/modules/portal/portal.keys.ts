import { randomBytes } from 'node:crypto';
import { hashToken, randomToken } from '../../core/auth/index.ts';
import { newReference, READABLE_ALPHABET, randomSymbols } from '../../core/references.ts';

/**
 * An activation key someone can type from a letter: 16 symbols of 5 bits (80 bits of entropy,
 * above the 64 the design asks for), shown as `7KQ4-M2XP-9BZT-W3HD`. Only its hash is stored.
 */
export function newActivationKey(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) out += READABLE_ALPHABET[Number((bits >> BigInt(75 - i * 5)) & 31n)];
  return out.replace(/(.{4})(?=.)/g, '$1-');
}

/** What the person typed, as the key was generated: upper case, no separators, look-alikes mapped. */
export function normaliseKey(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-–_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
    .replace(/(.{4})(?=.)/g, '$1-');
}

/** Links in e-mails carry a longer token (256 bits); it is never typed. */
export function newLinkToken(): string {
  return randomToken();
}

export function keyHash(key: string): string {
  return hashToken(key);
}

/** `P-2026-7KQ4M2XP`: references of portal tasks, see core/references.ts. */
export function newTaskReference(now: Date): string {
  return newReference('P', now);
}

/** Ten one-time recovery codes like "7KQ4-M2XP-9B" for the second factor; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomSymbols(10);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 10)}`;
  });
}

/** A recovery code as typed, in the form it was hashed in; null if it cannot be one. */
export function recoveryCodeHash(input: string): string | null {
  const n = input
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (n.length !== 10) return null;
  return hashToken(`${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`);
}
