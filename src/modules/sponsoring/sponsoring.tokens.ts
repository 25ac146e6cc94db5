import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A bearer token for a link: 256 random bits. Only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const isToken = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{43}$/.test(v);

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The receipt code of a ballot, derived from its random bearer token with the server's key: the
 * voter's link shows it at any time, and nobody holding the published hash can work back.
 * 20 characters of a 32-letter alphabet (100 bits), in groups of four.
 */
export function receiptCode(secret: string, ballotToken: string): string {
  const mac = createHmac('sha256', secret).update(`sponsoring-receipt:${ballotToken}`).digest();
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHABET[(mac[i] as number) % 32];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** What the result publishes for a receipt code: SHA-256 of the code as printed. */
export const receiptHash = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** A random receipt code for a paper ballot (handed out on paper). */
export function randomReceiptCode(): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** The keyed hash a customer number is kept as, so a used number is recognised but not readable. */
export const customerNumberHash = (secret: string, number: string) =>
  createHmac('sha256', secret).update(`sponsoring-customer:${number}`).digest('hex');

const FOLD_PLUS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'fastmail.com',
  'proton.me',
  'protonmail.com',
  'posteo.de',
  'mailbox.org',
]);

/**
 * The mailbox an address reaches, for "one registration per address": lower case; where the
 * provider ignores them, "+tags" (and at Gmail dots in the local part, and googlemail.com) fold.
 */
export function mailboxKey(email: string): string {
  const at = email.trim().toLowerCase().lastIndexOf('@');
  const lower = email.trim().toLowerCase();
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (FOLD_PLUS.has(domain)) local = local.split('+')[0] as string;
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}
