import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/test-server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const HOSTILE_SEGMENTS = [
  '%C0%AF', // overlong UTF-8
  '%E0%A4%A', // truncated escape
  '%FF%FE', // not UTF-8
  '%00', // NUL
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '....//....//etc/passwd',
  '%252e%252e%252f',
  '<script>alert(1)</script>',
  "'; drop table accesslog_entries; --",
  'x'.repeat(5000),
  '%F0%9F%92%A9',
  '__proto__',
  'constructor',
];

const BODIES: { type: string; payload: string | Buffer }[] = [
  { type: 'application/x-www-form-urlencoded', payload: 'a=%ZZ&b=%E0%A4%A&__proto__[admin]=1&constructor[prototype][x]=1' },
  { type: 'application/x-www-form-urlencoded', payload: Buffer.from([0xff, 0xfe, 0x3d, 0xc0, 0xaf]) },
  { type: 'application/json', payload: '{"__proto__":{"admin":true},"a":' },
  {
    type: 'application/json',
    payload:
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  },
  { type: 'multipart/form-data; boundary=xyz', payload: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xy' },
  { type: 'text/plain', payload: 'hello' },
  { type: 'application/xml', payload: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { type: 'application/x-www-form-urlencoded; charset=iso-8859-1', payload: 'name=M%FCller' },
  { type: '', payload: 'no content type at all' },
  { type: 'application/x-www-form-urlencoded', payload: `${'a=1&'.repeat(20_000)}` },
  // Plausible fields, one with a NUL character (PostgreSQL refuses to store it in text).
  {
    type: 'application/x-www-form-urlencoded',
    payload:
      'kind=access&name=Max%00Muster&email=max%40example.org&salutation=herr&topic=billing&concern=Hallo%00&message=x&path=%2F%00&phone=%2B4930123456',
  },
  { type: 'application/json', payload: '{"path":"/\u0000","previous":null,"name":"a\u0000b"}' },
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Concrete URLs for a route pattern: parameters replaced by hostile values. Each pattern gets
 * four of them, a different four for each pattern, so every value meets many routes while the
 * test stays fast as routes are added.
 */
function urlsFor(pattern: string, index: number): string[] {
  if (!/[:*]/.test(pattern)) return [pattern, `${pattern}?q=${HOSTILE_SEGMENTS[0]}&__proto__[x]=1`];
  const picked = [0, 1, 2, 3].map((k) => HOSTILE_SEGMENTS[(index * 4 + k) % HOSTILE_SEGMENTS.length] as string);
  return picked.map((s) => pattern.replace(/:[^/]+/g, s).replace('*', s));
}

describe('hostile input never produces a 500', () => {
  test('every route, every method, with broken paths, encodings and bodies', async () => {
    const patterns = [
      ...new Set(t.app.routeTable.map((r) => r.url)),
      ...HOSTILE_SEGMENTS.map((s) => `/${s}`),
      '/en/../../x',
      '/assets/../../package.json',
    ];
    const failures: string[] = [];
    let sent = 0;
    for (const [index, pattern] of patterns.entries()) {
      for (const url of urlsFor(pattern, index)) {
        for (const method of METHODS) {
          // Every body goes to every POST; the rarer methods get one, the bodiless ones none.
          const bodies =
            method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? [undefined] : method === 'POST' ? BODIES : BODIES.slice(0, 2);
          for (const body of bodies) {
            const res = await t.app.inject({
              method,
              url,
              headers: {
                ...(body?.type ? { 'content-type': body.type } : {}),
                accept: sent % 2 ? 'application/json' : 'text/html;q=0.9, */*;q=0.1, garbage/=;',
                'accept-language': '\u0000\uffff',
                'user-agent': sent % 3 ? '\u00ff\u00fe' : 'x'.repeat(3000),
                referer: 'http://[::1',
              },
              ...(body ? { payload: body.payload } : {}),
            });
            sent += 1;
            if (res.statusCode >= 500) failures.push(`${method} ${url.slice(0, 80)} [${body?.type ?? '-'}] → ${res.statusCode}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    // Thousands of requests: 8 s on an idle 2-core machine, over 30 s on a loaded one. Its bound is
    // the work, not the clock, so it gets the room a slow machine needs.
  }, 180_000);

  test('raw malformed HTTP and oversized headers get a 4xx and the server lives on', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const raw = (data: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(data));
        let out = '';
        socket.on('data', (d) => {
          out += d.toString('latin1');
        });
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
      });
    const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 4\d\d/);
    const garbage = await raw('BREW /pot HTCPCP/1.0\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 4\d\d/);
    const badLength = await raw('POST /strom HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n');
    expect(badLength).toMatch(/^HTTP\/1\.1 4\d\d/);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
  });
});
