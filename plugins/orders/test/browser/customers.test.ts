import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import {
  forEachDatabase,
  launchChromium,
  requireChromium,
  screenshot,
  seedTenant,
  seedUser,
  startTestHost,
  type SeededUser,
  type TestDatabase,
  type TestHost,
} from '../support/switchboard.js';
import { menuLabels, openFromMenu, shellPages, signInThroughShell } from '../support/shell-pages.js';

/** The reseller's services: it passes on some of them. */
const RESELLER_SERVICES = ['orders', 'toll-free', 'traffic'];

/** The real plugins (traffic, toll-free, orders) on a fresh database, the traffic simulator off, signed-in users only. */
async function startPortal(open: () => Promise<TestDatabase>) {
  const database = await open();
  const host = await startTestHost({
    plugins: { dirs: ['plugins'], settings: { traffic: { simulator: { enabled: false } } } },
    database: { url: database.url, schema: database.schema ?? null },
    identity: { fixtures: null } as never,
  });
  return {
    host,
    cleanup: async () => {
      await host.dispose();
      await database.cleanup();
    },
  };
}

/**
 * Customers in a real Chromium, through the real sign-in pages: a reseller's administrator adds a
 * customer with some of the reseller's services and the reseller's theme, changes its services,
 * and is refused a service the reseller no longer has; the carrier's administrator sees the
 * reseller and its customer; someone who may open the page but not read tenants is told so.
 */
forEachDatabase((kind, open) => {
  describe(`orders: the customers of a reseller and of the carrier in Chromium (${kind})`, function () {
    this.timeout(180_000);
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let browser: Browser;
    let nora: SeededUser; // northwind's administrator
    let cara: SeededUser; // the carrier's administrator
    let pat: SeededUser; // northwind, may open the administration pages only

    before(async function () {
      requireChromium(this);
      ({ host, cleanup } = await startPortal(open));
      const { directory } = host.identity;
      await seedTenant(host, 'northwind', { kind: 'reseller', plugins: RESELLER_SERVICES });
      await directory.updateTenant(OPERATOR, 'northwind', { name: 'Northwind Telecom', theme: 'example-reseller' });
      nora = await seedUser(host, 'northwind', 'nora@northwind.test', 'administrator');
      await directory.updateUser(OPERATOR, nora.id, { name: 'Nora North' });
      cara = await seedUser(host, 'carrier', 'cara@carrier.test', 'administrator');
      await directory.updateUser(OPERATOR, cara.id, { name: 'Cara Carrier' });
      const pagesOnly = await directory.createRole(OPERATOR, { tenantId: 'northwind', name: 'Pages only', entitlements: ['orders:administration.read'] });
      pat = await seedUser(host, 'northwind', 'pat@northwind.test', pagesOnly.id);
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await cleanup?.();
    });

    const { openPortal } = shellPages(() => browser, () => host.url);
    const openCustomers = (page: Page) => openFromMenu(page, 'Customers');

    /** A directory route read with the page's session, as the user. */
    const api = (page: Page, path: string) =>
      page.evaluate(async (url) => {
        const answer = await fetch(url);
        return { status: answer.status, body: await answer.json() };
      }, path);

    /** The services of a tenant as the directory has them, `host` (always there) left out. */
    const servicesOf = async (page: Page, tenantId: string) => {
      const answer = await api(page, `/api/host/tenants/${tenantId}/subscriptions`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body.plugins as string[]).filter((plugin) => plugin !== 'host');
    };

    /** The row of the tenant named so (not one that merely mentions it, as "Customer of Northwind Telecom" does). */
    const rowOf = (page: Page, name: string) => page.locator('orders-customers-page sb-data-table tbody tr', { has: page.locator('td strong', { hasText: name }) });
    const cells = async (row: Locator) => (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const tick = (dialog: Locator, plugin: string, on: boolean) => dialog.locator(`input[name="service"][value="${plugin}"]`).setChecked(on);

    const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    it("a reseller's administrator adds a customer with some of its services and its theme, changes them, and is refused what it does not have", async () => {
      const admin = await openPortal();
      await signInThroughShell(admin.page, nora);
      assert.ok((await menuLabels(admin.page)).includes('Customers'));
      await openCustomers(admin.page);
      const customers = admin.page.locator('orders-customers-page');
      await customers.getByText('No customers yet').waitFor();
      await screenshot(admin.page, 'orders-customers-01-none');

      // 1. A customer with two of the reseller's three services, wearing the reseller's theme (offered as it is the reseller's own).
      await customers.locator('sb-button', { hasText: 'Add a customer' }).click();
      const add = customers.locator('sb-dialog[label="Add a customer"]');
      await add.locator('sb-field[name="id"] input').fill('harbor');
      await add.locator('sb-field[name="name"] input').fill('Harbor Freight');
      assert.equal(await add.locator('sb-field[name="kind"]').count(), 0, 'a reseller adds customers only');
      const offered = await add.locator('input[name="service"]').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
      assert.deepEqual(offered, RESELLER_SERVICES, "the reseller's services, no more");
      assert.equal(await add.locator('sb-field[name="theme"] input').inputValue(), 'example-reseller');
      await tick(add, 'orders', true);
      await tick(add, 'toll-free', true);
      await screenshot(admin.page, 'orders-customers-02-add');
      await add.locator('sb-button[type="submit"]').click();
      const harbor = rowOf(admin.page, 'Harbor Freight');
      await harbor.waitFor();
      const [, kindCell, servicesCell, themeCell] = await cells(harbor);
      assert.equal(kindCell, 'Customer');
      assert.equal(servicesCell, 'Orders, Toll-free');
      assert.equal(themeCell, 'example-reseller');
      await screenshot(admin.page, 'orders-customers-03-listed');
      assert.deepEqual(await servicesOf(admin.page, 'harbor'), ['orders', 'toll-free']);
      const created = await api(admin.page, '/api/host/tenants/harbor');
      assert.deepEqual([created.body.parentId, created.body.kind, created.body.name, created.body.theme], ['northwind', 'customer', 'Harbor Freight', 'example-reseller']);

      // 2. The id is taken: said on the id, nothing added.
      await customers.locator('sb-button', { hasText: 'Add a customer' }).click();
      await add.locator('sb-field[name="id"] input').fill('harbor');
      await add.locator('sb-field[name="name"] input').fill('Harbor Again');
      await add.locator('sb-button[type="submit"]').click();
      await add.locator('sb-field[name="id"] #error', { hasText: 'is taken' }).waitFor();
      await add.locator('sb-button', { hasText: 'Cancel' }).click();
      assert.equal(await rowOf(admin.page, 'Harbor Again').count(), 0);

      // 3. Its services change: traffic instead of toll-free.
      await harbor.locator('sb-button', { hasText: 'Change…' }).click();
      const change = customers.locator('sb-dialog[label="Change Harbor Freight"]');
      await tick(change, 'toll-free', false);
      await tick(change, 'traffic', true);
      await screenshot(admin.page, 'orders-customers-04-change');
      await change.locator('sb-button[type="submit"]').click();
      await harbor.filter({ hasText: 'Orders, Traffic' }).waitFor();
      assert.deepEqual(await servicesOf(admin.page, 'harbor'), ['orders', 'traffic']);

      // 4. The carrier takes toll-free away from the reseller while the page is open: offering it is refused, said under the services, and nothing changes.
      await host.identity.directory.setSubscriptions(OPERATOR, 'northwind', ['orders', 'traffic']);
      await harbor.locator('sb-button', { hasText: 'Change…' }).click();
      await tick(change, 'toll-free', true);
      await change.locator('sb-button[type="submit"]').click();
      const refusal = change.locator('#services-error');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /"toll-free" is not available from the tenant above/);
      assert.equal(await change.locator('fieldset').getAttribute('aria-describedby'), 'services-error');
      await screenshot(admin.page, 'orders-customers-05-refused');
      assert.deepEqual(await servicesOf(admin.page, 'harbor'), ['orders', 'traffic']);
      await change.locator('sb-button', { hasText: 'Cancel' }).click();
      assert.deepEqual(admin.errors, []);
      await admin.noViolationsYet();
    });

    it("the carrier's administrator sees the reseller and its customer, and may add either kind", async () => {
      const carrier = await openPortal();
      await signInThroughShell(carrier.page, cara);
      await openCustomers(carrier.page);
      const page = carrier.page.locator('orders-customers-page');
      await page.locator('h2', { hasText: 'Resellers and customers' }).waitFor();
      await rowOf(carrier.page, 'Harbor Freight').waitFor();
      assert.deepEqual((await cells(rowOf(carrier.page, 'Northwind Telecom'))).slice(1, 4), ['Reseller', 'Orders, Traffic', 'example-reseller']);
      assert.equal((await cells(rowOf(carrier.page, 'Harbor Freight')))[1], 'Customer of Northwind Telecom');
      await screenshot(carrier.page, 'orders-customers-06-carrier');
      await page.locator('sb-button', { hasText: 'Add a customer' }).click();
      const kinds = await page.locator('sb-dialog[label="Add a customer"] sb-field[name="kind"] option').allInnerTexts();
      assert.deepEqual(kinds, ['Reseller', 'Customer']);
      await page.locator('sb-dialog[label="Add a customer"] sb-button', { hasText: 'Cancel' }).click();
      assert.deepEqual(carrier.errors, []);
    });

    it('tells someone who may open the page but not read tenants so, and fits a phone', async () => {
      const user = await openPortal({ width: 390, height: 844 });
      await signInThroughShell(user.page, pat);
      await user.page.locator('sb-shell .menu-toggle').click();
      await openCustomers(user.page);
      await user.page.locator('orders-customers-page .notice', { hasText: 'does not include the accounts below yours' }).waitFor();
      await screenshot(user.page, 'orders-customers-07-refused-390');

      const admin = await openPortal({ width: 390, height: 844 });
      await signInThroughShell(admin.page, nora);
      await admin.page.locator('sb-shell .menu-toggle').click();
      await openCustomers(admin.page);
      await rowOf(admin.page, 'Harbor Freight').waitFor();
      assert.ok(await fitsWidth(admin.page), 'the customers page fits the phone');
      await screenshot(admin.page, 'orders-customers-08-390');
      await rowOf(admin.page, 'Harbor Freight').locator('sb-button', { hasText: 'Change…' }).click();
      await admin.page.locator('sb-dialog[label="Change Harbor Freight"] input[name="service"]').first().waitFor();
      assert.ok(await fitsWidth(admin.page), 'the dialog fits the phone');
      await screenshot(admin.page, 'orders-customers-09-change-390');
      assert.deepEqual([...user.errors, ...admin.errors], []);
    });
  });
});
