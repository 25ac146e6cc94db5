import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './test-server.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function chromiumPath(): string {
  const path = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!path) throw new Error('No Chromium found: run `npm test` (it installs one) or set CHROMIUM_PATH');
  return path;
}

/** Debian's Chromium, headless, with nothing that phones home (the machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
}

export interface BrowserApp extends TestApp {
  baseUrl: string;
}

/** The application on a real port, for a browser to visit. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const t = await createTestApp({ env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core on the page for WCAG 2.1 A and AA. It is evaluated through the DevTools protocol,
 * which the page's CSP does not govern, so the page itself keeps its strict policy.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** Pages that need a query string to be a page at all. */
const WITH_QUERY: Record<string, string> = {
  '/datenschutz/vergleich': '/datenschutz/vergleich?von=1&bis=1',
  '/en/privacy/compare': '/en/privacy/compare?from=1&to=1',
};

/** Every public page without parameters (the back office has its own tests; probes are JSON for machines). */
export function publicPages(t: TestApp): string[] {
  return t.app.routeTable
    .filter(
      (r) =>
        r.method === 'GET' &&
        !/[:*]/.test(r.url) &&
        !r.url.includes('.') &&
        !r.url.startsWith('/staff') &&
        !r.url.startsWith('/api/') &&
        !r.url.startsWith('/health/'),
    )
    .map((r) => WITH_QUERY[r.url] ?? r.url);
}

/**
 * A context as a cautious visitor has it: JavaScript off and cookies refused both ways (none
 * sent, any offered thrown away). `foreign` collects requests to other origins, `cookies` every
 * Set-Cookie the server tried, so a test can prove both stay empty.
 */
export async function cookieFreeContext(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; foreign: string[]; cookies: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const foreign: string[] = [];
  const cookies: string[] = [];
  context.on('request', (req) => {
    if (!req.url().startsWith(origin)) foreign.push(req.url());
  });
  await context.route('**/*', async (route) => {
    const headers = { ...route.request().headers() };
    delete headers.cookie;
    try {
      const response = await route.fetch({ headers });
      const setCookie = response.headers()['set-cookie'];
      if (setCookie) cookies.push(setCookie);
      await route.fulfill({ response });
    } catch {
      // The test closed the context while a request was in flight (e.g. a prefetch after the
      // last assertion); a request the test waits for fails the test by itself.
      await route.abort().catch(() => undefined);
    }
  });
  return { context, foreign, cookies };
}
