import { createHash, randomBytes } from 'node:crypto';

/**
 * The verifiable draw, following RFC 3797's idea: everything that decides the winners is
 * published before the one unpredictable input – a public random value named in advance – is
 * known, and the selection from it is deterministic, so anyone can recompute it.
 *
 * 1. Each entry gets a random salt; its published hash is SHA-256(salt ‖ entry id) as hex.
 * 2. Freezing sorts the hashes (as text) and publishes the commitment: SHA-256 over the sorted
 *    hashes, each followed by a line feed.
 * 3. Once the named random value is known, it is the seed. For each winner in turn:
 *    h = SHA-256(seed ‖ ":" ‖ counter) (the counter in decimal, from 0, increased after every
 *    hash); x = the first 8 bytes of h as an unsigned big-endian number; with n entries left,
 *    x is used only if x < 2^64 − (2^64 mod n) (so every entry is equally likely), and then
 *    entry number (x mod n) of the remaining sorted list wins and leaves the list.
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function entryHash(salt: string, entryId: string): string {
  return sha256(`${salt}${entryId}`);
}

export function sortedHashes(hashes: readonly string[]): string[] {
  return [...hashes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function commitmentOf(hashes: readonly string[]): string {
  return sha256(
    sortedHashes(hashes)
      .map((h) => `${h}\n`)
      .join(''),
  );
}

/** The seed as it is hashed: surrounding blanks dropped, runs of blanks as one space. */
export function normaliseSeed(seed: string): string {
  return seed.trim().replace(/\s+/g, ' ');
}

const RANGE = 1n << 64n;

/** The winners' hashes, in the order drawn. */
export function selectWinners(hashes: readonly string[], seed: string, count: number): string[] {
  const pool = sortedHashes(hashes);
  const winners: string[] = [];
  const s = normaliseSeed(seed);
  let counter = 0;
  while (winners.length < count && pool.length > 0) {
    const n = BigInt(pool.length);
    const limit = RANGE - (RANGE % n);
    const x = BigInt(`0x${sha256(`${s}:${counter}`).slice(0, 16)}`);
    counter += 1;
    if (x >= limit) continue;
    const [won] = pool.splice(Number(x % n), 1);
    winners.push(won as string);
  }
  return winners;
}

/** What the draw's page publishes as JSON, and what `contest draw verify` reads. */
export interface PublishedDraw {
  draw: string;
  entryHashes: string[];
  commitment: string;
  randomSource: string;
  seed: string | null;
  winnersCount: number;
  winners: string[];
}

export interface Verification {
  commitmentMatches: boolean;
  winnersMatch: boolean | null;
  recomputedCommitment: string;
  recomputedWinners: string[];
}

export function verifyDraw(published: PublishedDraw): Verification {
  const recomputedCommitment = commitmentOf(published.entryHashes);
  const recomputedWinners = published.seed === null ? [] : selectWinners(published.entryHashes, published.seed, published.winnersCount);
  return {
    commitmentMatches: recomputedCommitment === published.commitment,
    winnersMatch: published.seed === null ? null : JSON.stringify(recomputedWinners) === JSON.stringify(published.winners),
    recomputedCommitment,
    recomputedWinners,
  };
}
