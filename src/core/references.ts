import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32 without I, L, O, U: 32 symbols nobody mistakes when reading them from a
 * letter or a phone screen. 256 is a multiple of 32, so a byte modulo 32 is uniform.
 */
export const READABLE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `count` random symbols of the readable alphabet, 5 bits each. */
export function randomSymbols(count: number): string {
  return [...randomBytes(count)].map((b) => READABLE_ALPHABET[b % 32]).join('');
}

/**
 * A reference number people quote, like `K-2026-7KQ4M2XP`: a prefix for the service, the year,
 * and random symbols (8 give 40 bits), so references can be neither guessed nor counted.
 */
export function newReference(prefix: string, now: Date, symbols = 8): string {
  return `${prefix}-${now.getUTCFullYear()}-${randomSymbols(symbols)}`;
}
