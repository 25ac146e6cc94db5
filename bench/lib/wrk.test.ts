import { describe, expect, test } from 'vitest';
import { errorsByStatus, parseWrkOutput } from './wrk.ts';

// wrk 4.1's printed summary with --latency and COUNT_STATUSES_LUA's lines after it.
const withErrors = `Running 3s test @ http://127.0.0.1:40123/
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    95.12ms   40.01ms 612.00ms   80.00%
    Req/Sec   680.11     90.20     0.91k    70.00%
  Latency Distribution
     50%   88.50ms
     75%  110.00ms
     90%  140.25ms
     99%    1.20s
  2040 requests in 3.00s, 30.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 7
  Non-2xx or 3xx responses: 25
Requests/sec:    679.80
Transfer/sec:     10.00MB
status 303 300
status 200 1705
status 500 5
status 429 20
`;

describe('parseWrkOutput', () => {
  test('rate, percentiles, errors with socket errors by kind, answers by status in order', () => {
    expect(parseWrkOutput(withErrors)).toEqual({
      requestsPerSecond: 679.8,
      latencyMs: { p50: 88.5, p90: 140.25, p99: 1200 },
      requests: 2040,
      errors: 35,
      socketErrors: { connect: 0, read: 3, write: 0, timeout: 7 },
      responsesByStatus: { '200': 1705, '303': 300, '429': 20, '500': 5 },
    });
    expect(errorsByStatus(parseWrkOutput(withErrors).responsesByStatus)).toEqual({ '429': 20, '500': 5 });
  });

  test('no error lines and no script: zero errors, no answers by status', () => {
    const clean = withErrors
      .split('\n')
      .filter((line) => !/Socket errors|Non-2xx|^status /.test(line))
      .join('\n');
    const result = parseWrkOutput(clean);
    expect(result.errors).toBe(0);
    expect(result.socketErrors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
    expect(result.responsesByStatus).toBeUndefined();
    expect(errorsByStatus(result.responsesByStatus)).toEqual({});
  });
});
