/**
 * Counts turns of the event loop: a setImmediate callback runs only once pending I/O (a request
 * waiting on its socket) has had its turn, so a code path that holds the loop from start to end
 * lets none pass. `stop()` ends the count. Synchronises on the loop itself, not on time.
 */
export function countLoopTurns(): { readonly turns: number; stop(): void } {
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns += 1;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      ticking = false;
    },
  };
}
