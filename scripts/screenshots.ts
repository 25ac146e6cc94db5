/**
 * The README's screenshots, taken from the demo as a new user meets it: `npm run screenshots`
 * starts `stadtwerk start` on an empty temporary data folder, follows the one-time links the demo
 * prints (the portal customer's password, customer service's invitation with its second factor),
 * and writes the portal overview, the invoices, the staff inbox and the solar map (2D and 3D) at
 * 390 and 1280 px to docs/screenshots/. Debian's Chromium (or CHROMIUM_PATH), device scale 1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'docs/screenshots');
const WIDTHS = { 390: 844, 1280: 860 } as const;
// Long enough for the password rules (zxcvbn); used only inside the throwaway demo.
const PASSWORD = 'Zählerstand-Sonnenblume-Kupferkessel-2026';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The demo on its own port and data folder; resolves with its console once the demo data is in. */
async function startDemo(dataDir: string): Promise<{ child: ChildProcess; base: string; output: string }> {
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), DATA_DIR: dataDir, SOLAR_DATA_DIR: dataDir };
  for (const key of ['LOG_LEVEL', 'DATABASE_URL', 'PUBLIC_URL', 'SMTP_URL', 'SOLAR_WEATHER_FILE']) delete env[key];
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Demo data loaded')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
  });
  const base = /is running at (http:\/\/\S+)/.exec(output)?.[1];
  if (!base) throw new Error(`no address in the demo's welcome:\n${output}`);
  return { child, base, output };
}

/** The first link into `pathPart` printed after `marker`. */
function linkAfter(output: string, marker: RegExp, pathPart: string): string {
  const at = output.search(marker);
  const link =
    at < 0
      ? undefined
      : output
          .slice(at)
          .match(/http:\/\/\S+/g)
          ?.find((l) => l.includes(pathPart));
  if (!link) throw new Error(`no link after ${marker} in the demo's output:\n${output}`);
  return link;
}

/** The page as it first meets the eye at that width, or only the element `selector` shows. */
async function shoot(page: Page, name: string, width: keyof typeof WIDTHS, selector?: string): Promise<void> {
  await page.setViewportSize({ width, height: WIDTHS[width] });
  const shot = selector ? await page.locator(selector).screenshot() : await page.screenshot();
  // A palette of 256 colours keeps the files small; pages and map have fewer distinct colours.
  await sharp(shot)
    .png({ palette: true, quality: 90, compressionLevel: 9 })
    .toFile(path.join(out, `${name}-${width}.png`));
  console.log(`  docs/screenshots/${name}-${width}.png`);
}

/** The customer's one-time link: a password, and the portal signs them in. */
async function signInCustomer(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('#f-password').fill(PASSWORD);
  await page.locator('#f-repeat').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('passwort-neu')),
    page.locator('main form button[type=submit]').click(),
  ]);
  return page;
}

/** A staff invitation: password, then the second factor from the secret the page shows. */
async function signInStaff(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('#f-password').fill(PASSWORD);
  await page.locator('#f-repeat').fill(PASSWORD);
  await page.locator('main form button[type=submit]').click();
  const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '');
  const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
  await page.locator('input[name=code]').fill(code);
  await page.locator('main form button[type=submit]').click();
  await page.waitForLoadState();
  return page;
}

async function solar(browser: Browser, base: string): Promise<void> {
  for (const width of [390, 1280] as const) {
    const page = await browser.newPage({ viewport: { width, height: WIDTHS[width] }, deviceScaleFactor: 1 });
    await page.goto(`${base}/solar`);
    const map = page.locator('#solar-map');
    // At a desk the search beside the map, on a phone the map's own section.
    const part = width === 390 ? '.solar-map-section' : '.solar-layout';
    await page.waitForSelector('.solar-map--idle', { timeout: 120_000 });
    await shoot(page, 'solar-map', width, part);
    // 3D: the map settles again after the buildings are loaded and the view has tilted.
    await map.evaluate((el) => el.classList.remove('solar-map--idle'));
    await page.locator('#solar-3d').click();
    await page.waitForSelector('.solar-map--idle', { timeout: 120_000 });
    await shoot(page, 'solar-map-3d', width, part);
    await page.close();
  }
}

async function main(): Promise<void> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  if (!executablePath) throw new Error('No Chromium found: install Debian’s chromium or set CHROMIUM_PATH');
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stadtwerk-screenshots-'));
  console.log(`Starting the demo in ${dataDir} …`);
  const demo = await startDemo(dataDir);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const customer = await browser.newContext({ deviceScaleFactor: 1, viewport: { width: 1280, height: WIDTHS[1280] } });
    const portal = await signInCustomer(customer, linkAfter(demo.output, /Demo customer portal/, '/portal/passwort-neu?'));
    for (const [name, url] of [
      ['portal-overview', '/portal'],
      ['portal-invoices', '/portal/rechnungen'],
    ] as const) {
      await portal.goto(`${demo.base}${url}`);
      for (const width of [390, 1280] as const) await shoot(portal, name, width);
    }
    const staff = await browser.newContext({ deviceScaleFactor: 1, viewport: { width: 1280, height: WIDTHS[1280] } });
    const inbox = await signInStaff(staff, linkAfter(demo.output, /Kai Kundenservice/, '/staff/einladung/'));
    await inbox.goto(`${demo.base}/staff/kontakt/anfragen`);
    for (const width of [390, 1280] as const) await shoot(inbox, 'staff-inbox', width);
    await inbox.locator('table.data-table tbody a').first().click();
    for (const width of [390, 1280] as const) await shoot(inbox, 'staff-request', width);
    await solar(browser, demo.base);
  } finally {
    await browser.close();
    demo.child.kill('SIGTERM');
    await new Promise((resolve) => demo.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
