import { send } from '../support/http.js';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '@switchboard/host';
import { cspCheckedPages, launchChromium, notesTableLoaded, requireChromium, screenshot } from '../support/browser.js';

/**
 * The shell in a real Chromium, against a running host: both brands, the CSP, no inline script,
 * the menu an entitled user gets, the Notes plugin page loaded on demand and working.
 */
describe('the shell in Chromium', function () {
  this.timeout(120_000);
  let dataDir: string;
  let host: RunningHost;
  let browser: Browser;
  let carrierUrl: string;
  let resellerUrl: string;

  before(async function () {
    requireChromium(this);
    dataDir = await mkdtemp(join(tmpdir(), 'sb-browser-'));
    host = await startHost(
      {
        dataDir,
        server: { host: '127.0.0.1', httpsPort: 0, httpPort: 0 },
        log: { level: 'silent' },
        plugins: { dirs: ['test/fixtures/plugins'] },
        identity: { fixtures: 'test/fixtures/identities.json' },
      },
      { env: {} },
    );
    carrierUrl = `https://127.0.0.1:${host.port}/`;
    resellerUrl = `https://portal.northwind.test:${host.port}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const newPage = cspCheckedPages(() => browser);

  async function open(url: string, as?: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page }> {
    const { page } = await newPage({ viewport, extraHTTPHeaders: as ? { authorization: `Bearer fixture:${as}` } : {} });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const response = await page.goto(url);
    assert.ok(response, `no response for ${url}`);
    assert.equal(response.status(), 200);
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // The page holds no inline script: every <script> has a src.
    assert.equal(await page.locator('script:not([src])').count(), 0);
    await page.locator('sb-shell main h1').waitFor();
    await page.waitForFunction(() => document.querySelector('sb-shell')?.shadowRoot?.querySelector('main')?.getAttribute('aria-busy') === 'false');
    assert.deepEqual(errors, []);
    return { page };
  }

  /** The brand as shown: logo loaded with the brand as its text, product name, footer, colours. */
  async function brandShown(page: Page) {
    const logo = page.locator('sb-shell header img');
    await logo.evaluate((img: HTMLImageElement) => img.decode());
    return {
      logoAlt: await logo.getAttribute('alt'),
      logoWidth: await logo.evaluate((img: HTMLImageElement) => img.naturalWidth),
      logoSrc: await logo.getAttribute('src'),
      product: (await page.locator('sb-shell header .product').textContent())?.trim(),
      footer: await page.locator('sb-shell footer').innerText(),
      title: await page.title(),
      headerColour: await page.locator('sb-shell header').evaluate((el) => getComputedStyle(el).backgroundColor),
      font: await page.locator('sb-shell main h1').evaluate((el) => getComputedStyle(el).fontFamily),
    };
  }

  it('shows the carrier brand on the carrier host, signed out, with no CSP violation', async () => {
    const { page } = await open(carrierUrl);
    const brand = await brandShown(page);
    assert.equal(brand.logoAlt, 'Switchboard');
    assert.ok(brand.logoWidth > 0, 'the logo loaded');
    assert.equal(brand.product, 'Switchboard Business Portal');
    assert.match(brand.footer, /Switchboard/);
    assert.equal(brand.headerColour, 'rgb(10, 37, 64)');
    assert.match(brand.title, /Switchboard Business Portal/);
    assert.equal(await page.locator('sb-shell main h1').textContent(), 'You are not signed in');
    assert.equal(await page.locator('sb-shell header .user a').innerText(), 'Sign in');
    assert.equal(await page.locator('sb-shell header .user a').getAttribute('href'), '/auth/login?return=%2F');
    assert.equal(await page.locator('sb-shell nav').count(), 0, 'no menu without a user');
    await screenshot(page, 'shell-default');
  });

  it('shows the reseller brand on the reseller host name', async () => {
    const { page } = await open(resellerUrl);
    const brand = await brandShown(page);
    assert.equal(brand.logoAlt, 'Northwind Telecom');
    assert.ok(brand.logoWidth > 0, 'the logo loaded');
    assert.equal(brand.product, 'Northwind Connect');
    assert.match(brand.footer, /Northwind Telecom/);
    assert.equal(brand.headerColour, 'rgb(255, 246, 238)');
    assert.match(brand.font, /Georgia/);
    assert.match(brand.title, /Northwind Connect/);
    await screenshot(page, 'shell-example-reseller');
  });

  describe('signed in as alice (notes read and write)', () => {
    before(async () => {
      // Notes to list: added through the API as alice, the way any client would.
      const context = await browser.newContext({ ignoreHTTPSErrors: true, extraHTTPHeaders: { authorization: 'Bearer fixture:alice' } });
      for (const [title, body] of [
        ['Toll-free cut-over', 'Move 800-555-0100 to the Dallas centre at 18:00.'],
        ['Invoice query', 'Ask billing about the March credit.'],
        ['Circuit 17 errors', 'CRC errors since Tuesday; ticket open with the carrier.'],
      ]) {
        const answer = await context.request.post(`${carrierUrl}api/notes/notes`, { data: { title, body } });
        assert.equal(answer.status(), 201, await answer.text());
      }
      await context.close();
    });

    it('offers the Notes menu and opens the notes page, loading its module on demand', async () => {
      const { page } = await open(carrierUrl, 'alice');
      const modules: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/assets/plugin-')) modules.push(r.url());
      });
      assert.equal(await page.locator('sb-shell main h1').textContent(), 'Welcome, Alice Admin');
      const menu = page.locator('sb-shell nav a');
      assert.deepEqual(await menu.allInnerTexts(), ['Start', 'Notes']);
      await screenshot(page, 'shell-default-alice-home');
      assert.deepEqual(modules, [], 'no plugin module before its page opens');

      await page.locator('sb-shell nav a', { hasText: 'Notes' }).click();
      await notesTableLoaded(page);
      assert.equal(modules.length, 1);
      assert.equal(await page.locator('sb-shell main h1').textContent(), 'Notes');
      assert.equal(await page.locator('sb-shell nav a[aria-current="page"]').textContent(), 'Notes');
      // Focus went to the page's heading, for keyboard and screen-reader users.
      assert.equal(await page.evaluate(() => document.querySelector('sb-shell')!.shadowRoot!.activeElement?.tagName), 'H1');
      const titles = await page.locator('notes-page sb-data-table tbody tr td:first-child').allInnerTexts();
      for (const t of ['Toll-free cut-over', 'Invoice query', 'Circuit 17 errors']) assert.ok(titles.includes(t), `${t} in ${titles.join(', ')}`);
      // The table is a real table, sorted newest first, and says so.
      assert.equal(await page.locator('notes-page sb-data-table th[aria-sort]').getAttribute('aria-sort'), 'descending');
      assert.equal(await page.locator('notes-page sb-data-table caption').textContent(), 'All notes');
      // The chart drew today's notes as a bar and can be read without seeing it.
      const chart = page.locator('notes-page sb-chart');
      assert.ok((await chart.locator('svg rect').count()) >= 1);
      assert.match((await chart.locator('#summary').textContent()) ?? '', /highest 3 notes/);
      await chart.locator('.plot').focus();
      assert.equal(await chart.locator('.tooltip').count(), 1, 'focusing the chart shows the latest value');
      await page.locator('sb-shell main h1').focus();
      await screenshot(page, 'notes-default');
    });

    it('adds a note through the dialog, and shows the server’s field errors on the fields', async () => {
      const { page } = await open(`${carrierUrl}#/notes`, 'alice');
      await notesTableLoaded(page);
      await page.locator('notes-page sb-button', { hasText: 'Add note' }).first().click();
      const dialog = page.locator('notes-page sb-dialog dialog');
      await dialog.waitFor();
      assert.equal(await dialog.getAttribute('aria-labelledby'), 'title');
      // Focus starts in the first field.
      assert.equal(await page.locator('notes-page sb-field[name="title"]').evaluate((f) => f.shadowRoot!.activeElement?.id), 'control');

      // Checked in the browser first: an empty title is refused on the spot.
      await page.locator('notes-page form sb-button[type="submit"]').click();
      const title = page.locator('notes-page sb-field[name="title"] input');
      assert.equal(await title.getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('notes-page sb-field[name="title"] #error').innerText(), /Title is required/);
      assert.equal(await title.getAttribute('aria-describedby'), 'hint error');
      await screenshot(page, 'notes-dialog-invalid');

      // Longer than the server allows (set by script, which maxlength does not stop): the 400's
      // field error lands on the field.
      await page.locator('notes-page sb-field[name="title"]').evaluate((f) => ((f as HTMLElement & { value: string }).value = 'x'.repeat(130)));
      await page.locator('notes-page form sb-button[type="submit"]').click();
      await page.waitForFunction(() => {
        const field = document.querySelector('sb-shell')!.shadowRoot!.querySelector('notes-page')!.shadowRoot!.querySelector('sb-field[name="title"]') as HTMLElement & { error: string };
        return field.error !== '';
      });
      assert.match(await page.locator('notes-page sb-field[name="title"] #error').innerText(), /Title must NOT have more than 120 characters|120/);

      // A good note: the toast says so and the table shows it.
      await title.fill('Call the NOC about the outage');
      await page.locator('notes-page sb-field[name="body"] textarea').fill('Ask for the RFO by Friday.');
      await title.press('Enter');
      await page.locator('sb-shell sb-toast .toast', { hasText: 'added' }).waitFor();
      assert.equal(await dialog.evaluate((d: HTMLDialogElement) => d.open), false);
      assert.ok((await page.locator('notes-page sb-data-table tbody td:first-child').allInnerTexts()).includes('Call the NOC about the outage'));
      await screenshot(page, 'notes-added');
    });

    it('sorts, filters and pages the table, and closes the dialog with Escape', async () => {
      const { page } = await open(`${carrierUrl}#/notes`, 'alice');
      // More notes than one page holds.
      for (let i = 1; i <= 8; i++) {
        const answer = await page.request.post(`${carrierUrl}api/notes/notes`, { data: { title: `Paging note ${i}`, body: '' } });
        assert.equal(answer.status(), 201);
      }
      await page.reload();
      const table = page.locator('notes-page sb-data-table');
      await table.locator('tbody tr td').first().waitFor();
      const titles = () => table.locator('tbody td:first-child').allInnerTexts();

      await table.locator('th button', { hasText: 'Title' }).click();
      assert.match(await table.locator('th[aria-sort]').innerText(), /^Title\s*▲$/);
      assert.equal(await table.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
      const ascending = await titles();
      assert.deepEqual(ascending, [...ascending].sort((a, b) => a.localeCompare(b)));
      await table.locator('th button', { hasText: 'Title' }).press('Enter');
      assert.equal(await table.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');

      assert.match(await table.locator('.pager [role="status"]').innerText(), /Showing 1–10 of 1[2-9]/);
      const firstPage = await titles();
      await table.locator('.pager button', { hasText: 'Next page' }).click();
      assert.match(await table.locator('.pager [role="status"]').innerText(), /Showing 11–1[2-9] of 1[2-9]/);
      assert.ok((await titles()).every((t) => !firstPage.includes(t)));
      // At the last page "Next" stays focusable but does nothing.
      assert.equal(await table.locator('.pager button', { hasText: 'Next page' }).getAttribute('aria-disabled'), 'true');
      await table.locator('.pager button', { hasText: 'Previous page' }).press('Enter');
      assert.deepEqual(await titles(), firstPage);

      await table.locator('input[type="search"]').fill('invoice');
      assert.deepEqual(await titles(), ['Invoice query']);
      assert.match(await table.locator('.pager [role="status"]').innerText(), /Showing 1–1 of 1 matching/);
      await table.locator('input[type="search"]').fill('no such words');
      assert.equal(await table.locator('sb-empty-state .heading').textContent(), 'No matches');
      await table.locator('input[type="search"]').fill('');

      await page.locator('notes-page sb-button', { hasText: 'Add note' }).first().click();
      const dialog = page.locator('notes-page sb-dialog dialog');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('sb-shell')!.shadowRoot!.querySelector('notes-page')!.shadowRoot!.querySelector('sb-dialog')!.hasAttribute('open'));
      assert.equal(await dialog.evaluate((d: HTMLDialogElement) => d.open), false);
      // Focus is back on the button that opened the dialog.
      assert.equal(await page.evaluate(() => document.querySelector('sb-shell')!.shadowRoot!.querySelector('notes-page')!.shadowRoot!.activeElement?.textContent?.trim()), 'Add note');
    });

    it('reads the chart from the keyboard', async () => {
      const { page } = await open(`${carrierUrl}#/notes`, 'alice');
      const chart = page.locator('notes-page sb-chart');
      await chart.locator('.plot').waitFor();
      assert.equal(await chart.locator('.plot').getAttribute('role'), 'img');
      assert.equal(await chart.locator('#caption').textContent(), 'Notes added per day');
      await chart.locator('.plot').focus();
      const live = chart.locator('[aria-live="polite"]');
      assert.match((await live.textContent()) ?? '', /Notes added [1-9]\d* notes/);
      await page.keyboard.press('ArrowLeft');
      assert.match((await live.textContent()) ?? '', /Notes added 0 notes/);
      await page.keyboard.press('Home');
      assert.equal(await chart.locator('.tooltip').count(), 1);
      assert.ok((await chart.locator('table tbody tr').count()) >= 14, 'the data table lists every day');
    });

    it('shows an error with a way to try again when a plugin module fails to load', async () => {
      const { page } = await open(carrierUrl, 'alice');
      await page.route('**/assets/plugin-notes-*', (route) => route.abort('connectionreset'));
      await page.locator('sb-shell nav a', { hasText: 'Notes' }).click();
      const error = page.locator('sb-shell main sb-error-state');
      await error.waitFor();
      assert.match(await error.locator('[role="alert"]').innerText(), /The Notes page could not be loaded/);
      await screenshot(page, 'notes-load-failed');
      await page.unroute('**/assets/plugin-notes-*');
      await error.locator('sb-button', { hasText: 'Try again' }).click();
      await notesTableLoaded(page);
    });

    it('shows the reseller brand on the notes page too, without plugin code for it', async () => {
      const { page } = await open(`${resellerUrl}#/notes`, 'alice');
      await notesTableLoaded(page);
      const primary = await page.locator('notes-page sb-button[variant="primary"] button').first().evaluate((b) => getComputedStyle(b).backgroundColor);
      assert.equal(primary, 'rgb(138, 28, 95)');
      await screenshot(page, 'notes-example-reseller');
    });

    it('collapses the menu behind a button on a narrow screen', async () => {
      const { page } = await open(`${carrierUrl}#/notes`, 'alice', { width: 390, height: 844 });
      await notesTableLoaded(page);
      const toggle = page.locator('sb-shell .menu-toggle');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('sb-shell nav').isVisible(), false);
      await screenshot(page, 'notes-narrow');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      assert.equal(await page.locator('sb-shell nav').isVisible(), true);
      await screenshot(page, 'notes-narrow-menu-open');
    });

    it('is usable from the keyboard: a skip link first, then the menu', async () => {
      const { page } = await open(carrierUrl, 'alice');
      await page.keyboard.press('Tab');
      const focused = () => page.evaluate(() => document.querySelector('sb-shell')!.shadowRoot!.activeElement?.textContent?.trim());
      assert.equal(await focused(), 'Skip to main content');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.querySelector('sb-shell')!.shadowRoot!.activeElement?.tagName), 'H1');
    });
  });

  it('shows no Notes menu to a user without grants, and no notes page either', async () => {
    const { page } = await open(carrierUrl, 'nobody');
    assert.deepEqual(await page.locator('sb-shell nav a').allInnerTexts(), ['Start']);
    assert.equal(await page.locator('sb-shell main sb-empty-state .heading').textContent(), 'No services yet');
    await page.evaluate(() => (location.hash = '#/notes'));
    await page.locator('sb-shell main h1', { hasText: 'Page not available' }).waitFor();
    assert.equal(await page.locator('notes-page').count(), 0);
    await screenshot(page, 'shell-default-nobody');
  });

  // After the notes tests above: it adds the note its grant names to the same tenant.
  describe('a user with a read-only, scoped grant', () => {
    it('shows a read-only user just the notes their grant covers, and no way to add one', async () => {
      const seeded = await send(host.url, 'POST', '/api/notes/notes', { as: 'alice', ca: host.tls.cert, body: { id: 'n-acme-1', title: 'The one Bob may read' } });
      assert.equal(seeded.status, 201);
      const { page } = await open(carrierUrl, 'bob');
      await page.locator('sb-shell nav a', { hasText: 'Notes' }).click();
      await notesTableLoaded(page);
      assert.deepEqual(await page.locator('notes-page sb-data-table tbody tr td:first-child').allInnerTexts(), ['The one Bob may read']);
      assert.equal(await page.locator('notes-page sb-button', { hasText: 'Add note' }).count(), 0, 'neither the button nor the dialog');
      await screenshot(page, 'notes-read-only');
    });
  });
});
