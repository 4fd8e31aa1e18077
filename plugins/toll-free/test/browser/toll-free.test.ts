import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { cspCheckedPages, forEachDatabase, launchChromium, requireChromium, screenshot, seedTenant, seedUser, type SeededUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A } from '../support/world.js';

/**
 * acme's simulated traffic to number A, fast (2,400 calls a minute at the peak of the day, never
 * under 240, short calls, ticks of 200 ms). Before any plan the network's default route sends
 * every call to a Miami overflow center (Dallas and Tampa have no weight), so every call the
 * monitor shows at Dallas or Tampa was sent there by the toll-free routing.
 */
const simulator = {
  enabled: true,
  tickMilliseconds: 200,
  customers: [
    {
      tenantId: 'acme',
      callsPerMinute: 2400,
      numbers: [A],
      destinations: [
        { id: 'dallas', name: 'Dallas call center', agents: 2000, handleSeconds: 5, weight: 0 },
        { id: 'tampa', name: 'Tampa call center', agents: 2000, handleSeconds: 5, weight: 0 },
        { id: 'miami', name: 'Miami overflow', agents: 2000, handleSeconds: 5, weight: 1 },
      ],
    },
  ],
};

/** Calls to count before judging the split: 70/30 over 300 calls is off by more than 10 points about once in 3,000 runs. */
const SPLIT_CALLS = 300;

/**
 * The toll-free page in a real Chromium against a real host with the traffic simulator on: a
 * network manager of acme builds a plan splitting number A 70/30 between Dallas and Tampa in the
 * tree editor, sees the 70/20 split's error on the node and its sum, fixes it, activates it, and
 * watches the real-time monitor's call-center chart follow the split; then re-routes the number to
 * Tampa in an emergency (the latest calls all go there) and undoes it (Dallas takes calls again).
 */
forEachDatabase((kind, open) => {
  describe(`toll-free: building and activating a plan in Chromium, the monitor following (${kind})`, function () {
    this.timeout(300_000);
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let browser: Browser;
    let manager: SeededUser;

    before(async function () {
      requireChromium(this);
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database, { traffic: { simulator } }));
      await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
      manager = await seedUser(host, 'acme', 'nina@acme.test', 'network-manager');
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await cleanup?.();
      await database?.cleanup();
    });

    const newPage = cspCheckedPages(() => browser);

    async function signIn(page: Page): Promise<void> {
      await page.goto(`${host.url}/`);
      await page.locator('sb-shell header a.sign-in').click();
      await page.locator('form input#login').fill(manager.login);
      await page.locator('form input#password').fill(manager.password);
      await page.keyboard.press('Enter');
      await page.locator('sb-shell main h1', { hasText: 'Welcome' }).waitFor();
    }

    const openFromMenu = async (page: Page, label: string) => {
      await page.locator('sb-shell nav a', { hasText: label }).click();
      await page.locator('sb-shell main h1', { hasText: label }).waitFor();
    };

    /** A node of the edited tree (not the diff's) by its path. */
    const node = (page: Page, path: string): Locator => page.locator(`toll-free-plan-page tf-plan-tree:not(.diff-tree) section.node[data-path="${path}"]`);
    /** A branch of the root decision. */
    const rootBranch = (page: Page, index: number): Locator => node(page, 'root').locator(`> ul.branches > li.branch[data-branch="${index}"]`);

    /** Calls per call center the monitor's chart holds, read from its data table (what a screen reader reads). */
    const chartedPerCallCenter = (page: Page) =>
      page.locator('traffic-monitor sb-chart[label="Calls per minute by call center"]').evaluate((chart) => {
        const root = chart.shadowRoot!;
        const names = [...root.querySelectorAll('thead th')].slice(1).map((th) => th.textContent ?? '');
        const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
        for (const row of root.querySelectorAll('tbody tr')) {
          [...row.querySelectorAll('td')].forEach((cell, at) => (totals[names[at]!]! += Number.parseInt(cell.textContent ?? '0', 10) || 0));
        }
        return totals;
      });

    /** The destinations of the latest calls the monitor lists (its first page, the last to end first). */
    const latestDestinations = async (page: Page) =>
      (await page.locator('traffic-monitor sb-data-table tbody tr').allInnerTexts()).map((row) => (/\bdallas\b/.test(row) ? 'dallas' : /\btampa\b/.test(row) ? 'tampa' : /\bmiami\b/.test(row) ? 'miami' : row));

    async function noWiderThanTheScreen(page: Page, name: string): Promise<void> {
      await screenshot(page, name);
      const wide = await page.evaluate(() => {
        const found: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const element of root.querySelectorAll('*')) {
            const right = element.getBoundingClientRect().right;
            if (right > window.innerWidth + 1 && element.checkVisibility()) found.push(`${element.tagName.toLowerCase()}.${element.className} to ${Math.round(right)}px`);
            if (element.shadowRoot) walk(element.shadowRoot);
          }
        };
        walk(document);
        return found;
      });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the phone: ${wide.slice(0, 10).join(', ')}`);
    }

    async function latestAllGoTo(page: Page, destination: string): Promise<void> {
      for (;;) {
        const latest = await latestDestinations(page);
        if (latest.length >= 10 && latest.every((d) => d === destination)) return;
        await page.waitForTimeout(250);
      }
    }

    it('builds a 70/30 split, sees 70/20 refused on the node, activates it, and the monitor follows; then an emergency re-route and its undo', async () => {
      const { page } = await newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await signIn(page);

      // The numbers, then a new plan sending every call to Dallas.
      await openFromMenu(page, 'Toll-free routing');
      const row = page.locator('toll-free-page tr[data-number="+18005550100"]');
      await row.getByText('No plan').waitFor();
      await page.locator('toll-free-page sb-field[name="name"] input').fill('Main line');
      await page.locator('toll-free-page input[name="plan-number"][value="+18005550100"]').check();
      await page.locator('toll-free-page sb-field[name="callCenter"] select').selectOption('dallas');
      await page.locator('toll-free-page sb-button', { hasText: 'Create and edit' }).click();
      await node(page, 'root').locator('h3', { hasText: 'Route to Dallas call center' }).waitFor();
      assert.match(page.url(), /#\/toll-free\/plans\/[0-9a-f-]{36}$/);

      // A percent split where the route was, added from the keyboard: both branches keep routing to Dallas.
      await node(page, 'root').locator('sb-button', { hasText: 'Add decision' }).focus();
      await page.keyboard.press('Enter');
      await node(page, 'root').locator('h3', { hasText: 'Percent split' }).waitFor();
      const focused = await page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return `${element?.tagName} ${element?.textContent}`;
      });
      assert.equal(focused, 'H3 Percent split', 'the focus goes to the new decision');
      const sum = node(page, 'root').locator('.sum');
      assert.equal((await sum.innerText()).trim(), '100 % of 100 %');

      // 70 to Dallas, 20 to Tampa: the sum says 90 in red at once, and the server's check names the node.
      await rootBranch(page, 0).locator('sb-field[name="percent"] input').first().fill('70');
      await rootBranch(page, 1).locator('sb-field[name="percent"] input').first().fill('20');
      await node(page, 'root.branches[1].next').locator('sb-field[name="target"] select').selectOption('tampa');
      await node(page, 'root.branches[1].next').locator('h3', { hasText: 'Route to Tampa call center' }).waitFor();
      assert.match(await sum.innerText(), /^90 % of 100 % — 10 % short$/);
      assert.match(await sum.getAttribute('class') ?? '', /\bbad\b/);
      assert.equal(await sum.evaluate((element) => getComputedStyle(element).color), await page.locator('toll-free-plan-page').evaluate((element) => {
        const probe = document.createElement('span');
        probe.style.color = getComputedStyle(element).getPropertyValue('--sb-color-danger');
        document.body.append(probe);
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
      }), 'the sum is in the theme\'s danger colour');
      const onNode = node(page, 'root').locator('> ul.problems li.error');
      await onNode.waitFor();
      assert.match(await onNode.innerText(), /90/);
      assert.match(await node(page, 'root').getAttribute('class') ?? '', /\bhas-error\b/);
      await page.locator('toll-free-plan-page #problems-heading', { hasText: 'Problems (1)' }).waitFor();
      assert.ok(await page.locator('toll-free-plan-page sb-button', { hasText: /^Activate version/ }).evaluate((button) => button.hasAttribute('disabled')), 'an invalid plan cannot be activated');
      await screenshot(page, 'toll-free-editor-error');

      // Fixed: 30 to Tampa; the error leaves the node. Saved, then activated.
      await rootBranch(page, 1).locator('sb-field[name="percent"] input').first().fill('30');
      assert.equal((await sum.innerText()).trim(), '100 % of 100 %');
      await onNode.waitFor({ state: 'detached' });
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Save draft' }).click();
      await page.locator('toll-free-plan-page .status', { hasText: 'Saved as version 1.' }).waitFor();
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Activate version 1 now' }).click();
      await page.locator('toll-free-plan-page sb-dialog').getByRole('button', { name: 'Activate', exact: true }).click();
      await page.locator('toll-free-plan-page #plan-heading + p', { hasText: 'version 1 since' }).waitFor();
      await screenshot(page, 'toll-free-plan-activated');

      // The monitor: calls at Dallas and Tampa now, about 70 to 30.
      await openFromMenu(page, 'Real-time monitor');
      await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
      let split = await chartedPerCallCenter(page);
      while ((split.dallas ?? 0) + (split.tampa ?? 0) < SPLIT_CALLS) {
        await page.waitForTimeout(500);
        split = await chartedPerCallCenter(page);
      }
      const dallasShare = split.dallas! / (split.dallas! + split.tampa!);
      assert.ok(dallasShare > 0.6 && dallasShare < 0.8, `Dallas took ${(dallasShare * 100).toFixed(1)}% of ${split.dallas! + split.tampa!} calls`);
      await screenshot(page, 'toll-free-monitor-split');

      // What if: the calls of the last day replayed through the active version, against what happened
      // (before the plan the calls went to Miami) and the call centers' agents (3 at Dallas, 2 at Tampa).
      await openFromMenu(page, 'Toll-free routing');
      await row.locator('a', { hasText: 'Main line' }).click();
      await page.locator('toll-free-plan-page sb-field[name="days"] select').selectOption('1');
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Replay calls' }).click();
      const chart = page.locator('toll-free-plan-page tf-what-if-chart');
      await chart.waitFor();
      assert.match(await page.locator('toll-free-plan-page section[aria-labelledby="what-if-heading"]').innerText(), /[\d,]+ calls replayed through version 1 \(Active\); [\d,]+ would go elsewhere\./);
      const bars = await chart.evaluate((element) =>
        [...element.shadowRoot!.querySelectorAll('dt')].map((dt) => [dt.textContent, ...[...dt.nextElementSibling!.querySelectorAll('.line > span')].map((span) => Number((span.lastChild?.textContent ?? '').replace(/\D/g, '')))]),
      );
      const miami = bars.find(([label]) => label === 'miami');
      assert.ok(miami && (miami[1] as number) > 0 && miami[2] === 0, `Miami took calls then and would take none now: ${JSON.stringify(bars)}`);
      await page.locator('toll-free-plan-page [role="alert"]', { hasText: 'Dallas call center would be over capacity' }).waitFor();
      await screenshot(page, 'toll-free-what-if');

      // An emergency: every call to the number to Tampa, now.
      await openFromMenu(page, 'Toll-free routing');
      await page.locator('toll-free-page input[name="reroute-number"][value="+18005550100"]').check();
      await page.locator('toll-free-page sb-field[name="target"] select').selectOption('tampa');
      await page.locator('toll-free-page sb-button', { hasText: 'Re-route now' }).click();
      await row.getByText('Re-routed').waitFor();
      assert.match(await row.innerText(), /re-routed\s+to Tampa call center until/i);
      await screenshot(page, 'toll-free-reroute');

      await openFromMenu(page, 'Real-time monitor');
      await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
      await latestAllGoTo(page, 'tampa');
      await screenshot(page, 'toll-free-monitor-rerouted');

      // Undone: the plan routes again, and Dallas takes calls.
      await openFromMenu(page, 'Toll-free routing');
      await row.locator('sb-button', { hasText: 'Undo' }).click();
      await row.getByText('By its plan').waitFor();
      await openFromMenu(page, 'Real-time monitor');
      await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
      await page.locator('traffic-monitor sb-data-table tbody tr', { hasText: 'dallas' }).first().waitFor();

      // A phone: the numbers and the plan, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${host.url}/#/toll-free`);
      await row.locator('a', { hasText: 'Main line' }).waitFor();
      await noWiderThanTheScreen(page, 'toll-free-numbers-390');
      await row.locator('a', { hasText: 'Main line' }).click();
      await node(page, 'root').waitFor();
      await noWiderThanTheScreen(page, 'toll-free-plan-390');
      assert.deepEqual(errors, []);
    });

    /** A node's own field (not one of the nodes under it). */
    const ownField = (page: Page, path: string, name: string): Locator => node(page, path).locator(`> .controls [name="${name}"]`);

    it('labels nodes, picks a clock\'s zone from a list that filters as you type, and keeps both through saving, activation and the diff', async () => {
      const { page } = await newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await signIn(page);
      await openFromMenu(page, 'Toll-free routing');
      await page.locator('toll-free-page tr[data-number="+18005550100"] a', { hasText: 'Main line' }).click();
      await node(page, 'root').locator('h3', { hasText: 'Percent split' }).waitFor();

      // Labels on the split and on Tampa's route: the title is the label, what the node is stays beside it.
      await ownField(page, 'root', 'label').locator('input').fill('East coast');
      await page.keyboard.press('Tab');
      await node(page, 'root').locator('> .node-head h3', { hasText: 'East coast' }).waitFor();
      assert.equal(await node(page, 'root').locator('> .node-head h3 .node-kind').innerText(), '· Percent split');
      await ownField(page, 'root.branches[1].next', 'label').locator('input').fill('Overflow');
      await page.keyboard.press('Tab');
      await node(page, 'root.branches[1].next').locator('> .node-head h3', { hasText: 'Overflow' }).waitFor();
      assert.match(await node(page, 'root.branches[1].next').locator('> .node-head h3').innerText(), /Overflow\s*· Route to Tampa call center/);
      assert.equal(await ownField(page, 'root', 'label').locator('input').getAttribute('maxlength'), '100');

      // A time-of-day decision before Dallas, labelled; its zone picked from the list.
      const dallas = 'root.branches[0].next';
      await node(page, dallas).locator('sb-field[name="decision"] select').selectOption('time-of-day');
      await node(page, dallas).locator('sb-button', { hasText: 'Add decision' }).click();
      await node(page, dallas).locator('> .node-head h3', { hasText: 'Time of day' }).waitFor();
      await ownField(page, dallas, 'label').locator('input').fill('Business hours');
      await page.keyboard.press('Tab');
      await node(page, dallas).locator('> .node-head h3', { hasText: 'Business hours' }).waitFor();
      await node(page, dallas).locator('> ul.branches > li.branch[data-branch="0"] sb-field[name="values"] input').fill('08:00-17:00');
      await page.keyboard.press('Tab');

      const picker = ownField(page, dallas, 'timeZone');
      const zoneInput = picker.locator('input[role="combobox"]');
      const options = picker.locator('[role="option"]');
      await zoneInput.click();
      assert.equal(await zoneInput.getAttribute('aria-expanded'), 'true');
      const offered = await options.evaluateAll((items) => items.slice(0, 20).map((item) => item.getAttribute('data-zone')));
      const northAmerica = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
      const customerZone = await picker.evaluate((element) => (element as HTMLElement & { preferred: string[] }).preferred[0]);
      assert.equal(offered[0], customerZone, 'the customer\'s own zone first');
      assert.ok(northAmerica.every((zone) => offered.slice(0, 17).includes(zone)), `the North American zones first: ${offered.join(', ')}`);
      assert.ok((await options.count()) > 300, 'every IANA zone the browser knows is offered');
      await screenshot(page, 'toll-free-zone-list');
      // Filtered as typed, by city or by offset, each with its offset now.
      await zoneInput.fill('new york');
      assert.deepEqual(await options.evaluateAll((items) => items.map((item) => item.getAttribute('data-zone'))), ['America/New_York']);
      const newYorkOffset = await page.evaluate(() => {
        const gmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value;
        return gmt.replace('GMT', 'UTC');
      });
      assert.match(await options.first().innerText(), new RegExp(`America/New_York\\s*${newYorkOffset.replace('+', '\\+')}`));
      await zoneInput.fill('utc+09:00');
      assert.ok((await options.evaluateAll((items) => items.map((item) => item.getAttribute('data-zone')))).includes('Asia/Tokyo'), 'found by its offset');
      await zoneInput.fill('york');
      await screenshot(page, 'toll-free-zone-picker');
      await page.keyboard.press('ArrowDown');
      assert.equal(await options.first().getAttribute('aria-selected'), 'true');
      await page.keyboard.press('Enter');
      assert.equal(await zoneInput.getAttribute('aria-expanded'), 'false');
      assert.equal(await zoneInput.inputValue(), 'America/New_York');
      assert.match(await picker.locator('.hint').innerText(), new RegExp(`Now ${newYorkOffset.replace('+', '\\+')}`));

      // A zone that is no zone, typed and left: kept as typed, and the validation's error is on the node.
      await zoneInput.fill('Mars/Olympus_Mons');
      await page.keyboard.press('Tab');
      const zoneError = node(page, dallas).locator('> ul.problems li.error', { hasText: 'Mars/Olympus_Mons' });
      await zoneError.waitFor();
      assert.match(await zoneError.innerText(), /not an IANA time zone/);
      await zoneInput.fill('Chicago');
      await picker.locator('[role="option"][data-zone="America/Chicago"]').click();
      assert.equal(await zoneInput.inputValue(), 'America/Chicago');
      await zoneError.waitFor({ state: 'detached' });
      await screenshot(page, 'toll-free-labels');

      // Saved, read again: the labels and the zone are in the plan as stored.
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Save draft' }).click();
      await page.locator('toll-free-plan-page .status', { hasText: 'Saved as version 2.' }).waitFor();
      await page.reload();
      await node(page, 'root').locator('> .node-head h3', { hasText: 'East coast' }).waitFor();
      assert.equal(await ownField(page, dallas, 'timeZone').locator('input').inputValue(), 'America/Chicago');
      assert.match(await node(page, 'root.branches[1].next').locator('> .node-head h3').innerText(), /^Overflow/);
      assert.match(await node(page, dallas).locator('> .node-head h3').innerText(), /^Business hours/);

      // Activated, then the root's label changed in a third version: the diff says so, on the node.
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Activate version 2 now' }).click();
      await page.locator('toll-free-plan-page sb-dialog').getByRole('button', { name: 'Activate', exact: true }).click();
      await page.locator('toll-free-plan-page #plan-heading + p', { hasText: 'version 2 since' }).waitFor();
      await ownField(page, 'root', 'label').locator('input').fill('East and west');
      await page.keyboard.press('Tab');
      await page.locator('toll-free-plan-page sb-button', { hasText: 'Save draft' }).click();
      await page.locator('toll-free-plan-page .status', { hasText: 'Saved as version 3.' }).waitFor();
      await page.locator('toll-free-plan-page sb-button[label="Changes in version 2"]').click();
      const words = page.locator('toll-free-plan-page ul.diff-words');
      await words.waitFor();
      const inVersion2 = await words.innerText();
      assert.match(inVersion2, /Label "East coast" given\./);
      assert.match(inVersion2, /Label "Overflow" given\./);
      assert.match(inVersion2, /Business hours was added\./);
      await page.locator('toll-free-plan-page sb-button[label="Changes in version 3"]').click();
      await words.locator('li', { hasText: 'Label changed from "East coast" to "East and west".' }).waitFor();
      assert.equal(await words.locator('li').count(), 1, await words.innerText());
      await page.locator('toll-free-plan-page tf-plan-tree.diff-tree section.node.changed[data-path="root"] h3', { hasText: 'East and west' }).waitFor();
      await screenshot(page, 'toll-free-label-diff');

      // The schedule's zone is the same picker.
      const scheduleZone = page.locator('toll-free-plan-page form.schedule tf-zone-picker input[role="combobox"]');
      await scheduleZone.fill('los angeles');
      await page.locator('toll-free-plan-page form.schedule [role="option"][data-zone="America/Los_Angeles"]').waitFor();
      await page.keyboard.press('Escape');
      assert.deepEqual(errors, []);
    });
  });
});
