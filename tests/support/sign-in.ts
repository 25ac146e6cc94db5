import type { Page } from 'playwright-core';
import { currentTotp } from '../../src/core/auth/totp.ts';
import type { BrowserApp } from './browser.ts';
import type { TestCustomer } from './customers.ts';
import type { TestStaff } from './staff.ts';

/** Signs a customer into the portal through its sign-in form; the page ends on the overview. */
export async function signInCustomer(page: Page, t: BrowserApp, customer: TestCustomer): Promise<void> {
  await page.goto(`${t.baseUrl}/portal/anmelden`);
  await page.locator('#f-email').fill(customer.email);
  await page.locator('#f-password').fill(customer.password);
  await Promise.all([page.waitForURL(`${t.baseUrl}/portal`), page.keyboard.press('Enter')]);
}

/** Signs a member of staff in with password and second factor; the page ends on /staff. */
export async function signInStaff(page: Page, t: BrowserApp, member: TestStaff): Promise<void> {
  t.clock.set(new Date());
  await page.goto(`${t.baseUrl}/staff/anmelden`);
  await page.locator('#f-email').fill(member.email);
  await page.locator('#f-password').fill(member.password);
  await Promise.all([page.waitForURL(/\/staff\/anmelden\/code/), page.keyboard.press('Enter')]);
  // A code counts once per 30-second step: the server's clock moves to the next one.
  t.clock.set(new Date(Date.now() + 31_000));
  await page.locator('#f-code').fill(currentTotp(member.totpSecret, t.clock.now()));
  await Promise.all([page.waitForURL(`${t.baseUrl}/staff`), page.keyboard.press('Enter')]);
}
