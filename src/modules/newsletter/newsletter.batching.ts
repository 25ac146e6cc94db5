/**
 * The two halves of sending in batches without widening the double-send window: recipients are
 * claimed many at a time, and marks are committed for whoever is waiting at the moment — but a
 * sender still waits for its own mark before it takes the next recipient, so at a crash no more
 * mails are accepted-but-unmarked than there are senders.
 */

/**
 * Hands out rows one at a time from batches fetched by `claim` (one query per batch), fetching
 * the next batch before the last row is taken so senders rarely wait. Ends when a claim finds
 * nothing or after `stop()`.
 */
export function claimFeed<Row>(claim: () => Promise<Row[]>, refillBelow: number) {
  const queue: Row[] = [];
  let refill: Promise<void> | null = null;
  let exhausted = false;
  let stopped = false;
  const fetchMore = () =>
    (refill ??= claim()
      .then((rows) => {
        queue.push(...rows);
        if (rows.length === 0) exhausted = true;
      })
      .finally(() => {
        refill = null;
      }));
  return {
    async next(): Promise<Row | undefined> {
      for (;;) {
        if (stopped) return undefined;
        const row = queue.shift();
        if (row !== undefined) {
          if (queue.length < refillBelow && !exhausted) fetchMore().catch(() => undefined); // awaited by whoever finds the queue empty
          return row;
        }
        if (exhausted) return undefined;
        await fetchMore();
      }
    },
    /** No more rows are handed out (a sender failed); the rest stay for `stop`. */
    halt(): void {
      stopped = true;
    },
    /** No more rows are handed out; returns those claimed and not handed out (to give back). */
    async stop(): Promise<Row[]> {
      stopped = true;
      await refill?.catch(() => undefined);
      return queue.splice(0);
    },
  };
}

/**
 * Group commit: `add(id)` resolves once a `commit` holding `id` has finished. One commit runs at
 * a time; ids added meanwhile wait and go together in the next one. The caller sees its mark
 * durable before it goes on, at the cost of one statement per group, not per id.
 */
export function groupCommit<Id>(commit: (ids: Id[]) => Promise<void>): (id: Id) => Promise<void> {
  let open: { ids: Id[]; done: Promise<void> } | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return (id) => {
    if (!open) {
      const group: { ids: Id[]; done: Promise<void> } = { ids: [], done: Promise.resolve() };
      group.done = previous.then(() => {
        if (open === group) open = null;
        return commit(group.ids);
      });
      previous = group.done.catch(() => undefined);
      open = group;
    }
    open.ids.push(id);
    return open.done;
  };
}
