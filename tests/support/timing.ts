/**
 * Timing comparison that holds on a loaded machine: the cases run in interleaved rounds, each
 * round in a fresh shuffled order, and each time is taken relative to its own round (the median
 * of that round's cases), so a slow moment of the machine moves every case of the round alike.
 * The result per case is the median of those relative times, in milliseconds.
 */
export async function relativeMedians(
  cases: Record<string, () => Promise<unknown>>,
  rounds: number,
  options: { seed?: number; settled?: (medians: Record<string, number>) => boolean; maxRounds?: number } = {},
): Promise<Record<string, number>> {
  const names = Object.keys(cases);
  const deviations = new Map<string, number[]>(names.map((n) => [n, []]));
  const medians = () => Object.fromEntries(names.map((n) => [n, median(deviations.get(n) ?? [])]));
  let state = options.seed ?? 1;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  // A busy machine blurs each sample; then more rounds are measured (up to maxRounds), in whole
  // batches, until the medians have settled. A real difference does not shrink with more rounds.
  const maxRounds = options.maxRounds ?? rounds;
  for (let round = 0; round < maxRounds; round++) {
    if (round > 0 && round % rounds === 0 && (!options.settled || options.settled(medians()))) break;
    const order = [...names].sort(() => random() - 0.5);
    const times = new Map<string, number>();
    for (const name of order) {
      const started = performance.now();
      await (cases[name] as () => Promise<unknown>)();
      times.set(name, performance.now() - started);
    }
    const middle = median([...times.values()]);
    for (const [name, ms] of times) deviations.get(name)?.push(ms - middle);
  }
  return medians();
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The largest difference between two cases' medians. */
export function spread(medians: Record<string, number>): number {
  const values = Object.values(medians);
  return Math.max(...values) - Math.min(...values);
}
