/**
 * A small, fast, seedable pseudo-random generator (mulberry32) for demo data: the same seed
 * gives the same demo customers and the same demo log on every machine. Not for secrets (use
 * node:crypto there).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
