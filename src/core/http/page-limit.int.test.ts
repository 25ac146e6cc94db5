import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(() => t?.close());

const get = (url: string, remoteAddress: string) => t.app.inject({ method: 'GET', url, remoteAddress });

test('past the page limit an address gets a 429 page with Retry-After and the limit headers; other addresses and the probes are not affected', async () => {
  const ip = '198.51.100.77';
  for (let i = 0; i < 3; i++) expect((await get('/strom', ip)).statusCode).toBe(200);
  const refused = await get('/datenschutz', ip);
  expect(refused.statusCode).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^text\/html/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(refused.headers['x-ratelimit-limit']).toBe('3');
  expect(refused.headers['x-ratelimit-remaining']).toBe('0');
  expect(refused.body).not.toMatch(/Rate limit exceeded|stack|Error:/);
  expect((await get('/strom', '198.51.100.78')).statusCode).toBe(200);
  expect((await get('/health/live', ip)).statusCode).toBe(200);
  t.clock.advance(60_000);
  expect((await get('/strom', ip)).statusCode).toBe(200);
});

test('an IPv6 address counts with its /64 network, as @fastify/rate-limit keys it', async () => {
  for (const host of ['a', 'b', 'c']) expect((await get('/strom', `2001:db8:0:1::${host}`)).statusCode).toBe(200);
  expect((await get('/strom', '2001:db8:0:1::d')).statusCode).toBe(429);
  expect((await get('/strom', '2001:db8:0:2::1')).statusCode).toBe(200);
});

test('paths that do not exist count against the page limit: past it a scanner gets the 429 page, for pages too', async () => {
  const ip = '198.51.100.90';
  for (let i = 0; i < 3; i++) expect((await get(`/gibt-es-nicht-${i}`, ip)).statusCode).toBe(404);
  const refused = await get('/gibt-es-auch-nicht', ip);
  expect(refused.statusCode).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^text\/html/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await get('/strom', ip)).statusCode).toBe(429);
  // An unknown method on a known path (405) is counted the same way.
  const remove = () => t.app.inject({ method: 'DELETE', url: '/strom', remoteAddress: '198.51.100.91' });
  for (let i = 0; i < 3; i++) expect((await remove()).statusCode).toBe(405);
  expect((await remove()).statusCode).toBe(429);
  expect((await get('/strom', '198.51.100.92')).statusCode).toBe(200);
});
