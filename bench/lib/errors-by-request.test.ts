import { describe, expect, test } from 'vitest';
import { groupErrors } from './errors-by-request.ts';

describe('groupErrors', () => {
  test('statuses per request of the mix; no rows, no requests', () => {
    const rows = [
      { method: 'POST', path: '/portal/anmelden', status: 429, n: 5 },
      { method: 'GET', path: '/portal', status: 500, n: 2 },
      { method: 'GET', path: '/portal', status: 503, n: 1 },
    ];
    expect(groupErrors(rows)).toEqual({ 'POST /portal/anmelden': { '429': 5 }, 'GET /portal': { '500': 2, '503': 1 } });
    expect(groupErrors([])).toEqual({});
  });
});
