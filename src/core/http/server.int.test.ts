import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postOverSocket } from '../../../tests/support/post-over-socket.ts';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';
import { modules } from '../../modules.ts';
import { defineModule } from '../module.ts';

/** A route that accepts a body, to test what happens before any module sees one. */
const echoModule = defineModule({
  name: 'echo',
  routes: (app) => {
    app.post('/test/echo', async (request) => ({ received: request.body }));
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' }, modules: [...modules, echoModule] });
});
afterAll(() => t?.close());

describe('HTTP core', () => {
  test('pages carry a strict CSP, Referrer-Policy and Permissions-Policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('unknown pages answer 404 as HTML or as JSON, as asked', async () => {
    const html = await t.app.inject({ method: 'GET', url: '/gibt-es-nicht' });
    expect(html.statusCode).toBe(404);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Seite nicht gefunden');
    const en = await t.app.inject({ method: 'GET', url: '/en/missing' });
    expect(en.body).toContain('Page not found');
    const json = await t.app.inject({ method: 'GET', url: '/gibt-es-nicht', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: { status: 404 } });
  });

  test('a known path with the wrong method answers 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/strom' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.body).toContain('Methode nicht erlaubt');
  });

  test('oversized bodies get 413, unknown content types 415, broken JSON 400', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `a=${'x'.repeat(5000)}`,
    });
    expect(big.statusCode).toBe(413);
    const xml = await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const json = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(json.statusCode).toBe(400);
  });

  test('a 20 MB body is answered with 413 that the sender reads, not a broken pipe', async () => {
    const body = Buffer.alloc(20 * 1_048_576, 'a');
    const outcome = await postOverSocket(t.app, '/test/echo', 'application/x-www-form-urlencoded', body);
    expect(outcome).toBe('413');
  });

  test('state-changing requests from another site are refused (Fetch-Metadata and Origin)', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { ...form, 'sec-fetch-site': 'cross-site' },
      payload: 'a=1',
    });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { ...form, origin: 'https://evil.example' },
      payload: 'a=1',
    });
    expect(foreignOrigin.statusCode).toBe(403);
    const nullOrigin = await t.app.inject({ method: 'POST', url: '/test/echo', headers: { ...form, origin: 'null' }, payload: 'a=1' });
    expect(nullOrigin.statusCode).toBe(403);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { ...form, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
      payload: 'a=1',
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  test('static assets are served, their folder cannot be left', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/assets/site.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    for (const url of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body).not.toContain('"dependencies"');
    }
  });
});

describe('rate limits', () => {
  test('too many requests answer 429 with Retry-After', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.app.inject({ method: 'GET', url: '/' });
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.body).toContain('Zu viele Anfragen');
    } finally {
      await limited.close();
    }
  });
});
