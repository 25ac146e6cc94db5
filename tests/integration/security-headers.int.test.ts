import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HSTS_VALUE } from '../../src/core/http/security.ts';
import { createTestCustomer, signInCustomer } from '../support/customers.ts';
import { demoUrl, routesOf, type Visitor, visitors } from '../support/route-walk.ts';
import { createTestStaff, formBody } from '../support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-server.ts';

/**
 * Every GET route, as an anonymous visitor, a signed-in customer and a member of staff, behind a
 * TLS-terminating proxy (TRUST_PROXY=1, X-Forwarded-Proto: https) as in production: each answer
 * (page, file, feed, redirect or error) carries the security headers, and every cookie the
 * platform sets is out of reach of scripts, other hosts and cross-site requests.
 */
let t: TestApp;
let who: Visitor[];
beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: '1' } });
  who = await visitors(t);
});
afterAll(() => t?.close());

const BEHIND_TLS_PROXY = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function setCookies(res: LightMyRequestResponse): string[] {
  const header = res.headers['set-cookie'];
  return Array.isArray(header) ? header : header ? [header] : [];
}

/** What is wrong with one answer's headers; empty when nothing is. */
function headerProblems(res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const csp = directives(String(res.headers['content-security-policy'] ?? ''));
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
  if (!csp.get('default-src')?.includes("'self'") || csp.get('default-src')?.length !== 1) problems.push("CSP default-src is not 'self'");
  if (scripts.length === 0) problems.push('CSP without script-src');
  for (const weak of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
    if (scripts.includes(weak)) problems.push(`CSP script-src allows ${weak}`);
  }
  if ((csp.get('style-src') ?? []).includes("'unsafe-inline'")) problems.push("CSP style-src allows 'unsafe-inline'");
  if (csp.get('object-src')?.join(' ') !== "'none'") problems.push("CSP object-src is not 'none'");
  if (!csp.has('base-uri')) problems.push('CSP without base-uri');
  if (csp.get('frame-ancestors')?.join(' ') !== "'none'") problems.push("CSP frame-ancestors is not 'none'");
  if (res.headers['x-frame-options'] !== 'DENY') problems.push(`X-Frame-Options ${res.headers['x-frame-options']}`);
  if (res.headers['strict-transport-security'] !== HSTS_VALUE) problems.push(`HSTS ${res.headers['strict-transport-security']}`);
  if (res.headers['referrer-policy'] !== 'same-origin') problems.push(`Referrer-Policy ${res.headers['referrer-policy']}`);
  const permissions = String(res.headers['permissions-policy'] ?? '');
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) {
    if (!permissions.includes(feature)) problems.push(`Permissions-Policy without ${feature}`);
  }
  if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  for (const cookie of setCookies(res)) problems.push(...cookieProblems(cookie));
  return problems;
}

/** A cookie of ours: __Host- (Secure, Path=/, no Domain), HttpOnly and SameSite. */
function cookieProblems(cookie: string): string[] {
  const [pair = '', ...attributes] = cookie.split(';').map((s) => s.trim());
  const name = pair.split('=')[0] ?? '';
  const has = (re: RegExp) => attributes.some((a) => re.test(a));
  const problems: string[] = [];
  if (!name.startsWith('__Host-')) problems.push(`cookie ${name} without the __Host- prefix`);
  if (!has(/^HttpOnly$/i)) problems.push(`cookie ${name} not HttpOnly`);
  if (!has(/^Secure$/i)) problems.push(`cookie ${name} not Secure`);
  if (!has(/^SameSite=(Lax|Strict)$/i)) problems.push(`cookie ${name} without SameSite=Lax or Strict`);
  if (!has(/^Path=\/$/i)) problems.push(`cookie ${name} without Path=/`);
  if (has(/^Domain=/i)) problems.push(`cookie ${name} with a Domain`);
  return problems;
}

/** Markup the strict CSP would block: inline scripts (JSON-LD is data, not run), handlers, styles. */
function inlineProblems(res: LightMyRequestResponse): string[] {
  if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) return [];
  const problems: string[] = [];
  for (const tag of res.body.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/\ssrc=/i.test(tag) && !/type="application\/(ld\+)?json"/i.test(tag)) problems.push(`inline script ${tag}`);
  }
  if (/<[a-z][^>]*\son[a-z]+=/i.test(res.body)) problems.push('inline event handler');
  if (/<style\b/i.test(res.body) || /<[a-z][^>]*\sstyle="/i.test(res.body)) problems.push('inline style');
  if (/href="javascript:/i.test(res.body)) problems.push('javascript: link');
  return problems;
}

describe('security headers on every route', () => {
  test('every GET route, anonymous, as a customer and as staff: CSP, HSTS, frames, referrer, permissions, nosniff, cookies', async () => {
    const routes = routesOf(t.app, 'GET');
    expect(routes.length).toBeGreaterThan(200);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      for (const visitor of who) {
        const url = demoUrl(route);
        const res = await t.app.inject({
          method: 'GET',
          url,
          headers: { ...BEHIND_TLS_PROXY, ...(visitor.cookie ? { cookie: visitor.cookie } : {}) },
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        for (const problem of [...headerProblems(res), ...inlineProblems(res)]) {
          failures.push(`${visitor.name} GET ${url} (${res.statusCode}): ${problem}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk reached real pages, not only refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(routes.length);
  }, 300_000);

  test('the cookies of signing in and out (portal and staff) carry every flag', async () => {
    const form = { ...BEHIND_TLS_PROXY, 'content-type': 'application/x-www-form-urlencoded' };
    const customer = await createTestCustomer(t.database.db, t.clock.now());
    const portal = await t.app.inject({
      method: 'POST',
      url: '/portal/anmelden',
      headers: form,
      payload: formBody({ email: customer.email, password: customer.password }),
    });
    expect(portal.statusCode).toBe(303);
    const member = await createTestStaff(t.database.db, ['editor'], t.clock.now());
    const staff = await t.app.inject({
      method: 'POST',
      url: '/staff/anmelden',
      headers: form,
      payload: formBody({ email: member.email, password: member.password }),
    });
    expect(staff.statusCode).toBe(303);
    const agent = await signInCustomer(t.app, customer);
    const signOut = await t.app.inject({
      method: 'POST',
      url: '/portal/abmelden',
      headers: { ...form, cookie: agent.cookie },
      payload: formBody({ _csrf: agent.csrf }),
    });
    expect(signOut.statusCode).toBe(303);
    const answers = [portal, staff, signOut];
    expect(answers.map((res) => setCookies(res).length)).toEqual([1, 1, 1]);
    expect(answers.flatMap(headerProblems)).toEqual([]);
  });

  test('every POST route refuses a submission another site triggered, signed in or not: the anonymous forms carry no CSRF token, the origin guard is their protection', async () => {
    const routes = routesOf(t.app, 'POST');
    const accepted: string[] = [];
    for (const route of routes) {
      for (const visitor of who) {
        for (const crossSite of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://angreifer.example' }]) {
          const res = await t.app.inject({
            method: 'POST',
            url: demoUrl(route),
            headers: {
              ...BEHIND_TLS_PROXY,
              ...crossSite,
              'content-type': 'application/x-www-form-urlencoded',
              ...(visitor.cookie ? { cookie: visitor.cookie } : {}),
            },
            payload: formBody({ ...(visitor.csrf ? { _csrf: visitor.csrf } : {}), email: 'x@example.org', name: 'Erika Mustermann' }),
          });
          if (res.statusCode !== 403) accepted.push(`${visitor.name} ${route} ${Object.keys(crossSite)[0]} → ${res.statusCode}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  }, 300_000);

  test('HSTS only over TLS: not over plain HTTP, and a forged X-Forwarded-Proto without a trusted proxy pins nothing', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const direct = await createTestApp({ env: { TRUST_PROXY: 'false' } });
    try {
      const forged = await direct.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(forged.statusCode).toBe(200);
      expect(forged.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await direct.close();
    }
  });
});
