import { createHmac, randomInt } from 'node:crypto';

/**
 * Photo codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), printed
 * in three groups of four, e.g. `K7QM-3XRA-HP9D`. 30^12 ≈ 2^58.9 possibilities: with a global
 * throttle on look-ups, guessing any code of an event is out of reach.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const CODE_LENGTH = 12;
export const CODE_BITS = Math.floor(CODE_LENGTH * Math.log2(CODE_ALPHABET.length));

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Groups of four, for reading off a print. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What was typed, as a code: spaces and dashes dropped, upper case; null if it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s\-–.]/g, '');
  if (plain.length !== CODE_LENGTH) return null;
  for (const ch of plain) if (!CODE_ALPHABET.includes(ch)) return null;
  return plain;
}

/**
 * Codes are stored only as a keyed hash: a copy of the database alone does not let anyone try
 * codes offline, since the key lives outside it.
 */
export function codeHash(secret: string, code: string): string {
  return createHmac('sha256', `stadtwerk/contest/code/v1/${secret}`).update(code).digest('hex');
}
