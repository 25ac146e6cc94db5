import { describe, expect, test } from 'vitest';
import { claimFeed, groupCommit } from './newsletter.batching.ts';

/** A promise the test settles by hand, so the order of events is the test's, not the machine's. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('group commit of marks', () => {
  test('ids added while a commit runs go together into the next one; each caller resolves only after its own commit', async () => {
    const commits: number[][] = [];
    const gates = [gate(), gate()];
    const add = groupCommit<number>(async (ids) => {
      commits.push([...ids]);
      await gates[commits.length - 1]?.opened;
    });
    const settled: number[] = [];
    const track = (id: number) => add(id).then(() => settled.push(id));
    const first = track(1);
    await Promise.resolve();
    await Promise.resolve();
    // Commit [1] is running and held: 2, 3 and 4 wait for the next one.
    const rest = [track(2), track(3), track(4)];
    await Promise.resolve();
    expect(commits).toEqual([[1]]);
    expect(settled).toEqual([]);
    gates[0]?.open();
    await first;
    expect(settled).toEqual([1]);
    await new Promise((r) => setImmediate(r));
    expect(commits).toEqual([[1], [2, 3, 4]]);
    expect(settled).toEqual([1]);
    gates[1]?.open();
    await Promise.all(rest);
    expect(settled).toEqual([1, 2, 3, 4]);
  });

  test('a failed commit fails its callers and not the next group', async () => {
    let calls = 0;
    const add = groupCommit<number>(async () => {
      calls++;
      if (calls === 1) throw new Error('database gone');
    });
    await expect(add(1)).rejects.toThrow('database gone');
    await expect(add(2)).resolves.toBeUndefined();
  });
});

describe('claim feed', () => {
  test('hands out each claimed row once, claims the next batch before the queue runs dry, ends on an empty claim', async () => {
    const batches = [[1, 2, 3], [4, 5], []];
    let claims = 0;
    const feed = claimFeed(async () => batches[claims++] ?? [], 2);
    const got: number[] = [];
    for (let row = await feed.next(); row !== undefined; row = await feed.next()) got.push(row);
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(claims).toBe(3);
    expect(await feed.stop()).toEqual([]);
  });

  test('stop returns the rows claimed but not handed out, to be given back', async () => {
    const feed = claimFeed(async () => [1, 2, 3, 4], 0);
    expect(await feed.next()).toBe(1);
    expect(await feed.stop()).toEqual([2, 3, 4]);
    expect(await feed.next()).toBeUndefined();
  });
});
