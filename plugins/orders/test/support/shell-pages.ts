import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { cspCheckedPages } from './switchboard.js';

/**
 * What the orders browser suites do in the shell as a person would: open the portal in a fresh
 * browser (pages checked for CSP violations after each test, page errors collected), sign in
 * through the shell's "Sign in" and the real pages, and move through the menu.
 */
export function shellPages(browser: () => Browser, url: () => string) {
  const newPage = cspCheckedPages(browser);
  return {
    /** A fresh browser on the portal; the test asserts `errors` stays empty. */
    async openPortal(viewport: BrowserContextOptions['viewport'] = { width: 1280, height: 900 }) {
      const { page, noViolationsYet } = await newPage({ viewport });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${url()}/`);
      return { page, errors, noViolationsYet };
    },
  };
}

/** Through the shell's "Sign in" and the real pages; `code` gives the second step's code when the account has one. */
export async function signInThroughShell(page: Page, user: { login: string; password: string }, code?: () => Promise<string>): Promise<void> {
  await page.locator('sb-shell header a.sign-in').click();
  await page.locator('form input#login').fill(user.login);
  await page.locator('form input#password').fill(user.password);
  await page.keyboard.press('Enter');
  if (code) {
    await page.locator('form input#code').waitFor();
    await page.locator('form input#code').fill(await code());
    await page.keyboard.press('Enter');
  }
  await page.locator('sb-shell main h1', { hasText: 'Welcome' }).waitFor();
}

/** The shell's menu, as its entries read. */
export const menuLabels = (page: Page): Promise<string[]> => page.locator('sb-shell nav a').allInnerTexts();

/** Opens a menu entry and waits for its page's heading. */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  await page.locator('sb-shell nav a', { hasText: label }).click();
  await page.locator('sb-shell main h1', { hasText: label }).waitFor();
}
