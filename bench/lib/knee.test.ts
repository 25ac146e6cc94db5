import { describe, expect, test } from 'vitest';
import { kneeOf, type Step } from './knee.ts';

const step = (connections: number, p99: number): Step => ({
  connections,
  requestsPerSecond: 100,
  latencyMs: { p50: 1, p90: 2, p99 },
  requests: 1000,
  errors: 0,
  socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
  errorRate: 0,
});

describe('kneeOf', () => {
  test('the last step within the bound and the first beyond it', () => {
    const steps = [step(8, 40), step(16, 90), step(32, 480), step(64, 900), step(128, 300)];
    expect(kneeOf(steps, 500)).toEqual({ within: steps[2], beyond: steps[3] });
  });

  test('every step within: no step beyond; the first already beyond: none within; an unreadable p99 counts as beyond', () => {
    const low = [step(8, 10), step(16, 20)];
    expect(kneeOf(low, 500)).toEqual({ within: low[1], beyond: null });
    const high = [step(8, 700)];
    expect(kneeOf(high, 500)).toEqual({ within: null, beyond: high[0] });
    const unreadable = [step(8, 10), step(16, Number.NaN)];
    expect(kneeOf(unreadable, 500)).toEqual({ within: unreadable[0], beyond: unreadable[1] });
  });
});
