import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allRoles } from '../../src/core/roles.ts';
import { PORTAL_PATHS } from '../../src/modules/portal/portal.paths.ts';
import { axeViolations, type BrowserApp, launchChromium, startBrowserApp } from '../support/browser.ts';
import { createTestCustomer } from '../support/customers.ts';
import { signInCustomer, signInStaff } from '../support/sign-in.ts';
import { createTestStaff } from '../support/staff.ts';

/** The narrowest phone still sold (320 px) and today's most common one (390 × 844). */
const PHONES = [320, 390];
const PHONE_HEIGHT = 844;

interface Frame {
  name: string;
  path: string;
  /** The same page in English; the back office is German only. */
  englishPath?: string;
  /** The accessible names of the menus that collapse on a phone, German pages. */
  menus: string[];
  /** The link each menu marks as the current page, if the page is in that menu. */
  current?: Record<string, string>;
  /** A signed-in session, when the frame needs one. */
  session?: Awaited<ReturnType<BrowserContext['storageState']>>;
}

let browser: Browser;
let t: BrowserApp;
const frames: Frame[] = [];

beforeAll(async () => {
  [browser, t] = await Promise.all([launchChromium(), startBrowserApp()]);
  t.clock.set(new Date());
  const customer = await createTestCustomer(t.database.db, new Date(), { seed: 11 });
  const member = await createTestStaff(t.database.db, allRoles(t.config.organisation), new Date());
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInCustomer(page, t, customer);
  await signInStaff(page, t, member);
  const session = await context.storageState();
  await context.close();
  frames.push(
    { name: 'public home page', path: '/', englishPath: '/en', menus: ['Hauptnavigation'] },
    {
      name: 'portal (signed in)',
      path: PORTAL_PATHS.invoices.de,
      englishPath: PORTAL_PATHS.invoices.en,
      menus: ['Hauptnavigation', 'Kundenportal'],
      current: { Kundenportal: 'Rechnungen' },
      session,
    },
    // Every role: the longest back-office menu there is.
    { name: 'back office (every role)', path: '/staff', menus: ['Bereiche'], current: { Bereiche: 'Übersicht' }, session },
  );
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(frame: Frame, width: number, height: number, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, ...(frame.session ? { storageState: frame.session } : {}) });
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const res = await page.goto(`${t.baseUrl}${frame.path}`);
  expect(res?.status(), frame.path).toBe(200);
  return page;
}

/**
 * The header's and the menus' controls that a visitor cannot reach: every navigation link and
 * header button must be shown and lie fully inside the screen (and inside any ancestor that
 * clips it, such as a sideways scroller) — except links of a menu the visitor has not opened.
 */
function frameProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    const clippedBy = (el: Element): string | null => {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > width + 1) return `the screen (${Math.round(r.left)}–${Math.round(r.right)} of ${width})`;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1) return `its ${a.tagName.toLowerCase()}.${a.className} that cuts it off`;
      }
      return null;
    };
    for (const el of Array.from(document.querySelectorAll('nav a, header button, .portal-bar button'))) {
      const name = `${el.closest('nav')?.getAttribute('aria-label') ?? 'header'} › ${(el.textContent ?? '').trim()}`;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        if (!el.closest('details:not([open])')) problems.push(`${name}: not shown`);
        continue;
      }
      const clip = clippedBy(el);
      if (clip) problems.push(`${name}: outside ${clip}`);
    }
    return problems;
  });
}

interface MenuState {
  found: boolean;
  toggleShown: boolean;
  open: boolean;
  links: { text: string; shown: boolean; focusable: boolean; current: boolean }[];
}

/** One menu (a nav landmark by its name): its toggle, whether it is open, and its links. */
function menuState(page: Page, label: string): Promise<MenuState> {
  return page.evaluate((label) => {
    const nav = Array.from(document.querySelectorAll('nav')).find((n) => n.getAttribute('aria-label') === label);
    if (!nav) return { found: false, toggleShown: false, open: false, links: [] };
    const summary = nav.querySelector('summary');
    const details = nav.querySelector('details');
    const before = document.activeElement;
    const links = Array.from(nav.querySelectorAll('a')).map((a) => {
      a.focus();
      return {
        text: (a.textContent ?? '').trim(),
        shown: a.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
        focusable: document.activeElement === a,
        current: a.getAttribute('aria-current') === 'page',
      };
    });
    (before as HTMLElement | null)?.focus?.();
    return { found: true, toggleShown: !!summary?.checkVisibility(), open: !!details?.open, links };
  }, label);
}

/** The names Chromium's accessibility tree gives the page's links and disclosure buttons. */
async function accessibleNames(page: Page): Promise<{ links: string[]; toggles: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  await cdp.detach();
  const named = (role: string) => nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => (n.name?.value ?? '').trim());
  return { links: named('link'), toggles: named('DisclosureTriangle') };
}

/** Tabs from the top of the page to the menu's toggle; fails if the keyboard never gets there. */
async function tabToToggle(page: Page, label: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate(
      (label) =>
        document.activeElement?.tagName === 'SUMMARY' && document.activeElement.closest('nav')?.getAttribute('aria-label') === label,
      label,
    );
    if (there) return;
  }
  throw new Error(`Tab never reaches a menu button in "${label}"`);
}

describe('menus on a phone collapse into a button that works without JavaScript, in Chromium', () => {
  for (const width of PHONES) {
    test(`${width} px: every menu starts closed behind a visible button; no menu link or header button is off the screen; axe finds nothing`, async () => {
      for (const frame of frames) {
        const page = await open(frame, width, PHONE_HEIGHT);
        expect(await frameProblems(page), frame.name).toEqual([]);
        for (const label of frame.menus) {
          const menu = await menuState(page, label);
          expect(menu.found, `${frame.name}: menu ${label}`).toBe(true);
          expect({ toggleShown: menu.toggleShown, open: menu.open }, `${frame.name}: menu ${label}`).toEqual({
            toggleShown: true,
            open: false,
          });
          expect(
            menu.links.filter((l) => l.shown || l.focusable),
            `${frame.name}: links of the closed ${label}`,
          ).toEqual([]);
        }
        expect(await axeViolations(page), `${frame.name}, menus closed`).toEqual([]);
        await page.context().close();
      }
    });

    for (const javaScript of [false, true]) {
      test(`${width} px, JavaScript ${javaScript ? 'on' : 'off'}: Tab to a menu's button and Enter shows every link on the screen${javaScript ? '; axe finds nothing with the menus open' : ''}`, async () => {
        for (const frame of frames) {
          const page = await open(frame, width, PHONE_HEIGHT, javaScript);
          for (const label of frame.menus) {
            await tabToToggle(page, label);
            await page.keyboard.press('Enter');
            const menu = await menuState(page, label);
            expect(menu.open, `${frame.name}: ${label} open`).toBe(true);
            expect(menu.links.length, `${frame.name}: ${label} links`).toBeGreaterThan(3);
            expect(
              menu.links.filter((l) => !l.shown || !l.focusable),
              `${frame.name}: links of the open ${label}`,
            ).toEqual([]);
            const current = frame.current?.[label];
            if (current) expect(menu.links.filter((l) => l.current).map((l) => l.text)).toEqual([current]);
            const names = (await accessibleNames(page)).links;
            expect(
              menu.links.map((l) => l.text).filter((text) => !names.includes(text)),
              `${frame.name}: ${label} links missing from the accessibility tree`,
            ).toEqual([]);
          }
          expect(await frameProblems(page), frame.name).toEqual([]);
          // axe-core runs on the page's timers, which stand still without JavaScript.
          if (javaScript) expect(await axeViolations(page), `${frame.name}, menus open`).toEqual([]);
          await page.context().close();
        }
      });
    }
  }

  test('390 × 844: the portal page’s heading is on the first screen, under header, consent question and closed menus', async () => {
    const portal = frames.find((f) => f.path.startsWith('/portal'));
    if (!portal) throw new Error('no portal frame');
    const page = await open(portal, 390, PHONE_HEIGHT);
    const heading = await page.evaluate(() => {
      const h1 = document.querySelector('main h1');
      return h1 ? { text: (h1.textContent ?? '').trim(), bottom: h1.getBoundingClientRect().bottom } : null;
    });
    expect(heading?.text).toBe('Rechnungen');
    expect(heading?.bottom).toBeLessThanOrEqual(PHONE_HEIGHT);
    await page.context().close();
  });

  test('the menu buttons are named in German and in English', async () => {
    for (const frame of frames) {
      const pages = [[frame.path, 'Menü'], ...(frame.englishPath ? [[frame.englishPath, 'Menu']] : [])] as const;
      for (const [path, word] of pages) {
        const page = await open({ ...frame, path }, 390, PHONE_HEIGHT, false);
        const toggles = (await accessibleNames(page)).toggles;
        expect(toggles.length, `${path}: one button per menu`).toBe(frame.menus.length);
        for (const name of toggles) expect(name.toLowerCase(), path).toContain(word.toLowerCase());
        expect(new Set(toggles).size, `${path}: the buttons tell the menus apart`).toBe(toggles.length);
        await page.context().close();
      }
    }
  });

  test('1280 px: the menus are plain rows as before: no button, every link shown, focusable and in the accessibility tree', async () => {
    for (const frame of frames) {
      const page = await open(frame, 1280, 860);
      for (const label of frame.menus) {
        const menu = await menuState(page, label);
        expect(menu.toggleShown, `${frame.name}: ${label} button`).toBe(false);
        expect(
          menu.links.filter((l) => !l.shown || !l.focusable),
          `${frame.name}: ${label}`,
        ).toEqual([]);
        const names = (await accessibleNames(page)).links;
        expect(menu.links.map((l) => l.text).filter((text) => !names.includes(text))).toEqual([]);
      }
      expect(await frameProblems(page), frame.name).toEqual([]);
      expect(await axeViolations(page), frame.name).toEqual([]);
      await page.context().close();
    }
  });
});
