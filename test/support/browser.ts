import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Host names the browser resolves to loopback, so a brand can be reached by its own name. */
export const TEST_HOST_NAMES = ['portal.northwind.test'];

/** Where screenshots go (gitignored). */
export const OUTPUT_DIR = fileURLToPath(new URL('../../output/', import.meta.url));

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Call first in a browser suite's `before`: without Chromium the suite is skipped with a loud
 * notice, except under CI=true, where it fails (browser tests must run there).
 */
export function requireChromium(suite: Mocha.Context): void {
  if (chromiumAvailable()) return;
  console.warn(`      !!! Chromium is missing at ${CHROMIUM_PATH}: browser tests SKIPPED (apt-get install chromium)`);
  if (process.env.CI === 'true') throw new Error('CI=true and Chromium is missing');
  suite.skip();
}

/**
 * A headless Chromium for the browser tests: no sandbox (containers), no GPU, no background
 * traffic, and the brands' test host names mapped to 127.0.0.1.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${TEST_HOST_NAMES.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Collects Content-Security-Policy violations of a page, from the page itself (the
 * securitypolicyviolation event, installed before any of the page's scripts run) and from the
 * console, where Chromium reports what it blocked.
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

/** The notes table has its rows: not the loading placeholder, which is a row too. */
export async function notesTableLoaded(page: Page): Promise<void> {
  await page.locator('notes-page sb-data-table tbody tr td').first().waitFor();
  await page.locator('notes-page sb-data-table tbody td', { hasText: 'Loading' }).waitFor({ state: 'detached' });
}

/**
 * The pages a suite opens. After each test every page it opened is checked for CSP violations and
 * closed; `noViolationsYet` checks one page mid-test.
 */
export function cspCheckedPages(browser: () => Browser) {
  let opened: { context: BrowserContext; violations: () => Promise<string[]> }[] = [];
  afterEach(async () => {
    const pages = opened;
    opened = [];
    try {
      for (const { violations } of pages) assert.deepEqual(await violations(), [], 'Content-Security-Policy violations');
    } finally {
      for (const { context } of pages) await context.close();
    }
  });
  return async (options: BrowserContextOptions = {}) => {
    const context = await browser().newContext({ ignoreHTTPSErrors: true, ...options });
    const page = await context.newPage();
    const violations = await watchCspViolations(page);
    opened.push({ context, violations });
    const noViolationsYet = async () => assert.deepEqual(await violations(), [], 'Content-Security-Policy violations');
    return { page, context, noViolationsYet };
  };
}
