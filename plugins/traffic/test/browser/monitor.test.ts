import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiClient, signedInUser, type ApiClient } from '../support/callers.js';
import { callInput } from '../support/index.js';
import { cspCheckedPages, forEachDatabase, launchChromium, requireChromium, screenshot, seedTenant, seedUser, type SeededUser, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { cuttableLink } from './cuttable-link.js';

const ACME_NUMBER = '+18005550199';
const ACME_SECOND_NUMBER = '+18005550142';
const GLOBEX_NUMBER = '+18885550123';

/** The Q.850 cause each kind of unanswered call is released with. */
const RELEASE_CAUSES: Record<string, number> = { busy: 17, 'no-answer': 19, failed: 34, blocked: 52 };

let serial = 0;
/** A call that ended `endedAgoMs` before now, as a switch reports it; `talkSeconds` 0 for one not answered. */
function recentCall(overrides: Record<string, unknown> = {}, endedAgoMs = 1_000, talkSeconds = 30): Record<string, unknown> {
  const end = Date.now() - endedAgoMs;
  const answered = (overrides.disposition ?? 'answered') === 'answered';
  const start = end - (answered ? talkSeconds + 5 : 10) * 1000;
  return callInput({
    sourceId: `monitor-${Date.now()}-${++serial}`,
    dialedNumber: ACME_NUMBER,
    startedAt: new Date(start).toISOString(),
    answeredAt: answered ? new Date(start + 5000).toISOString() : null,
    endedAt: new Date(end).toISOString(),
    durationSeconds: null,
    billableSeconds: null,
    ...(answered ? {} : { releaseCause: RELEASE_CAUSES[overrides.disposition as string] }),
    ...overrides,
  });
}

/**
 * The real-time monitor in a real Chromium, against a real host: an analyst signs in through the
 * real pages, opens the monitor from the menu, and sees the tiles, the charts' data and the latest
 * calls move as a network element posts calls; the stale mark when calls stop, gone when they come
 * again; another customer's calls never; and the page at desktop and phone widths.
 */
forEachDatabase((kind, open) => {
  describe(`traffic: the real-time monitor in Chromium (${kind})`, function () {
    this.timeout(120_000);
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let browser: Browser;
    let analyst: SeededUser;
    let edge: ApiClient;

    const post = async (...calls: Record<string, unknown>[]) => {
      const answer = await edge.post('/api/traffic/cdrs', calls);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.stored, calls.length, answer.text);
    };

    before(async function () {
      requireChromium(this);
      ({ host, cleanup } = await startTrafficHost(open));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      const staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'network-manager'));
      for (const [number, tenantId] of [[ACME_NUMBER, 'acme'], [ACME_SECOND_NUMBER, 'acme'], [GLOBEX_NUMBER, 'globex']]) {
        assert.equal((await staff.put(`/api/traffic/numbers/${number}`, { tenantId })).status, 200);
      }
      analyst = await seedUser(host, 'acme', 'ana@acme.test', 'analyst');
      edge = await apiClient(host, { tenantId: 'carrier', name: 'sbc-edge', kind: 'network', roleId: 'network-element' });
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await cleanup?.();
    });

    const newPage = cspCheckedPages(() => browser);

    /** Signed in through the shell's "Sign in" and the real sign-in page, the monitor opened from the menu. */
    async function openMonitor(): Promise<Page> {
      const { page } = await newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${host.url}/`);
      await page.locator('sb-shell header a.sign-in').click();
      await page.locator('form input#login').fill(analyst.login);
      await page.locator('form input#password').fill(analyst.password);
      await page.keyboard.press('Enter');
      await page.locator('sb-shell main h1', { hasText: 'Welcome' }).waitFor();
      await page.locator('sb-shell nav a', { hasText: 'Real-time monitor' }).click();
      await page.locator('sb-shell main h1', { hasText: 'Real-time monitor' }).waitFor();
      assert.match(page.url(), /#\/traffic$/);
      await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
      await page.locator('traffic-monitor section[aria-labelledby="charts-heading"][aria-busy="false"]').waitFor();
      assert.deepEqual(errors, []);
      return page;
    }

    /** A headline tile's figure. */
    const tile = (page: Page, label: string): Locator =>
      page.locator('traffic-monitor .tile').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

    /** Until the tile shows `value`. */
    const tileShows = (page: Page, label: string, value: string) => tile(page, label).filter({ hasText: new RegExp(`^${value}$`) }).waitFor();

    /** The calls the calls-per-minute chart holds, read from its data table (what a screen reader reads). */
    const chartedCalls = (page: Page) =>
      page.locator('traffic-monitor sb-chart[label="Calls per minute"]').evaluate((chart) => {
        let total = 0;
        for (const cell of chart.shadowRoot!.querySelectorAll('tbody td')) total += Number.parseInt(cell.textContent ?? '0', 10) || 0;
        return total;
      });

    /** The latest-calls table's rows, as text. */
    const tableRows = (page: Page) => page.locator('traffic-monitor sb-data-table tbody tr').allInnerTexts();

    it('shows the account\'s calls moving as they end, never another customer\'s, and marks when they stop', async () => {
      await post(recentCall({ callingNumber: '+13125550187' }, 120_000), recentCall({ disposition: 'busy', callingNumber: '+12085550111' }, 90_000), recentCall({}, 60_000));
      const page = await openMonitor();
      await tileShows(page, 'Calls', '3');
      assert.equal(await tile(page, 'Failed').innerText(), '0');
      assert.equal(await chartedCalls(page), 3);
      assert.equal((await tableRows(page)).length, 3);

      // Calls end while the page is open: acme's show, globex's never.
      await post(
        recentCall({ callingNumber: '+12125550131' }),
        recentCall({ disposition: 'failed', callingNumber: '+14165550178' }),
        recentCall({ dialedNumber: GLOBEX_NUMBER, callingNumber: '+19025550127' }),
      );
      await tileShows(page, 'Calls', '5');
      await tileShows(page, 'Failed', '1');
      assert.equal(await chartedCalls(page), 5);
      assert.equal(await tile(page, 'ASR').innerText(), '60.0\u00a0%');
      const rows = await tableRows(page);
      assert.equal(rows.length, 5);
      assert.ok(rows.some((row) => row.includes('416-555-0178') && row.includes('Failed')), 'the failed call is a new row');
      assert.ok(rows.some((row) => row.includes('212-555-0131 (NY)')), 'with the caller\'s state');
      assert.ok(!rows.some((row) => row.includes('902-555-0127')), 'another customer\'s call never shows');
      await page.locator('traffic-monitor sb-chart[label="Calls per minute by call center"]').getByText('chicago').first().waitFor({ state: 'attached' });
      // Every chart spans the window, whatever minutes have data: the same time axis on each.
      const axes = await page.locator('traffic-monitor sb-chart').evaluateAll((charts) =>
        charts.map((chart) => [...chart.shadowRoot!.querySelectorAll('.axis text')].map((text) => text.textContent).join(' ')),
      );
      assert.equal(new Set(axes).size, 1, `time axes differ: ${axes.join(' | ')}`);
      await screenshot(page, 'traffic-monitor-1280');

      // Calls stop: with the threshold shortened (no test waits minutes), the page says so.
      await page.locator('traffic-monitor').evaluate((monitor) => ((monitor as unknown as { quietAfterMs: number }).quietAfterMs = 1_500));
      const banner = page.locator('traffic-monitor .banner[role="alert"]');
      await banner.waitFor();
      assert.match(await banner.innerText(), /Traffic has stopped arriving\.[\s\S]*The last call arrived at \d\d:\d\d:\d\d/);
      assert.equal(await page.locator('traffic-monitor section.stale .badge', { hasText: 'Not live' }).count(), 2, 'tiles and charts are marked');
      await screenshot(page, 'traffic-monitor-stale');

      // A call comes: the mark goes with it. Watched as it happens, since the short threshold soon passes again.
      await page.locator('traffic-monitor').evaluate((monitor) => {
        const root = monitor.shadowRoot!;
        const seen = { cleared: false, calls: '' };
        (window as unknown as { monitorCleared: typeof seen }).monitorCleared = seen;
        new MutationObserver(() => {
          if (!seen.cleared && !root.querySelector('.banner')) {
            seen.cleared = true;
            seen.calls = root.querySelector('.tile dd')?.textContent ?? '';
          }
        }).observe(root, { childList: true, subtree: true });
      });
      await post(recentCall({ callingNumber: '+18765550140' }));
      await page.waitForFunction(() => (window as unknown as { monitorCleared: { cleared: boolean } }).monitorCleared.cleared);
      assert.equal(await page.evaluate(() => (window as unknown as { monitorCleared: { calls: string } }).monitorCleared.calls), '6');

      // The phone width: one column, nothing wider than the screen.
      await page.locator('traffic-monitor').evaluate((monitor) => ((monitor as unknown as { quietAfterMs: number | null }).quietAfterMs = null));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('traffic-monitor .banner').waitFor({ state: 'detached' });
      // A chart redraws at its new width once its ResizeObserver has told it, after the next layout:
      // measured before that, its old SVG still sticks out. Wait for the redraws, not for a while.
      await page.locator('traffic-monitor sb-chart').evaluateAll(async (charts) => {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        await Promise.all(charts.map((chart) => (chart as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete));
      });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
      await screenshot(page, 'traffic-monitor-390');
    });

    it('narrows tiles, charts and table to the window, the dialed number and the call center chosen', async () => {
      await post(
        recentCall({ dialedNumber: ACME_SECOND_NUMBER, callCenter: 'toronto', destination: '+14165550100', callingNumber: '+16475550111' }, 30_000),
        recentCall({ dialedNumber: ACME_SECOND_NUMBER, callCenter: 'chicago', disposition: 'blocked', callingNumber: '+16475550122' }, 20_000),
        // Started two hours ago: outside the last 15 minutes and the last hour, inside the last 6 hours.
        recentCall({ dialedNumber: ACME_SECOND_NUMBER, callCenter: 'toronto', destination: '+14165550100' }, 2 * 3600_000),
      );
      const page = await openMonitor();
      const all = Number(await tile(page, 'Calls').innerText());
      const field = (name: string) => page.locator(`traffic-monitor sb-field[name="${name}"] select`);

      await field('dialedNumber').selectOption(ACME_SECOND_NUMBER);
      await tileShows(page, 'Calls', '2');
      await tileShows(page, 'Blocked', '1');
      const rows = await tableRows(page);
      assert.equal(rows.length, 2);
      assert.ok(rows.every((row) => row.includes('800-555-0142')), 'only the chosen number\'s calls');

      await field('place').selectOption('callCenter:toronto');
      await tileShows(page, 'Calls', '1');
      await tileShows(page, 'Blocked', '0');
      assert.deepEqual((await tableRows(page)).map((row) => row.includes('647-555-0111')), [true]);

      await field('window').selectOption('360');
      await page.locator('traffic-monitor h2', { hasText: 'Last 6 hours' }).waitFor();
      await tileShows(page, 'Calls', '2');

      await field('place').selectOption('');
      await field('dialedNumber').selectOption('');
      await tileShows(page, 'Calls', String(all + 1));
    });

    it('marks the page stale while the live connection is down, and catches up when it is back', async () => {
      const page = await openMonitor();
      // The same portal through a link the test can cut (the session cookie is the host name's, whatever the port).
      const link = await cuttableLink(host.port);
      try {
        const through = new URL(host.url);
        through.port = String(link.port);
        await page.goto(`${through.origin}/#/traffic`);
        await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
        await page.locator('traffic-monitor section[aria-labelledby="charts-heading"][aria-busy="false"]').waitFor();
        const before = Number(await tile(page, 'Calls').innerText());
        const blockedBefore = Number(await tile(page, 'Blocked').innerText());

        link.cut();
        const banner = page.locator('traffic-monitor .banner.connection-lost[role="alert"]');
        await banner.waitFor();
        assert.match(await banner.innerText(), /The live connection is lost\.[\s\S]*The last call arrived at \d\d:\d\d:\d\d/);
        assert.equal(await page.locator('traffic-monitor .connection').innerText(), 'Reconnecting…');
        assert.equal(await page.locator('traffic-monitor section.stale .badge', { hasText: 'Not live' }).count(), 2);
        await post(recentCall({ callingNumber: '+13125550187', disposition: 'blocked' }));

        link.mend();
        await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();
        await banner.waitFor({ state: 'detached' });
        await tileShows(page, 'Calls', String(before + 1));
        await tileShows(page, 'Blocked', String(blockedBefore + 1));
      } finally {
        await link.close();
      }
    });
  });

  describe(`traffic: the monitor steering the simulator in Chromium (${kind})`, function () {
    this.timeout(120_000);
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let browser: Browser;
    let admin: SeededUser;

    before(async function () {
      requireChromium(this);
      // Short calls at a high rate, so that every tick brings calls whatever the time of day.
      const destination = (id: string, name: string) => ({ id, name, agents: 500, handleSeconds: 5 });
      ({ host, cleanup } = await startTrafficHost(open, {
        simulator: {
          enabled: true,
          tickMilliseconds: 200,
          customers: [{ tenantId: 'acme', callsPerMinute: 600, numbers: ['+18005550100'], destinations: [destination('dallas', 'Dallas call center'), destination('tampa', 'Tampa call center')] }],
        },
      }));
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      admin = await seedUser(host, 'acme', 'ann@acme.test', 'administrator');
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await cleanup?.();
    });

    const newPage = cspCheckedPages(() => browser);

    /** A headline tile's figure, as a number, read through the shadow roots of the shell and the page. */
    const tileValue = (page: Page, label: string) =>
      page.evaluate((label) => {
        const find = (root: Document | ShadowRoot): Element | null => {
          const here = root.querySelector('traffic-monitor');
          if (here) return here;
          for (const element of root.querySelectorAll('*')) {
            const inside = element.shadowRoot && find(element.shadowRoot);
            if (inside) return inside;
          }
          return null;
        };
        const tiles = [...(find(document)?.shadowRoot?.querySelectorAll('.tile') ?? [])];
        const tile = tiles.find((t) => t.querySelector('dt')?.textContent === label);
        return Number((tile?.querySelector('dd')?.textContent ?? '').replace(/\D/g, '') || Number.NaN);
      }, label);

    /** Until the tile's figure passes `than`. */
    async function tileRisesAbove(page: Page, label: string, than: number): Promise<number> {
      for (;;) {
        const value = await tileValue(page, label);
        if (value > than) return value;
        await page.waitForTimeout(200);
      }
    }

    it('takes a call center down from the Simulator panel, and failed calls rise until it is brought up', async () => {
      const { page } = await newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${host.url}/`);
      await page.locator('sb-shell header a.sign-in').click();
      await page.locator('form input#login').fill(admin.login);
      await page.locator('form input#password').fill(admin.password);
      await page.keyboard.press('Enter');
      await page.locator('sb-shell nav a', { hasText: 'Real-time monitor' }).click();
      await page.locator('traffic-monitor .connection', { hasText: 'Live' }).waitFor();

      // The simulator's calls arrive, and its panel shows both call centers up.
      await tileRisesAbove(page, 'Calls', 0);
      const panel = page.locator('traffic-simulator-panel');
      await panel.locator('h2', { hasText: 'Simulator' }).waitFor();
      await panel.getByText(/of 500 agents busy/).first().waitFor();
      assert.equal(await tileValue(page, 'Failed'), 0, 'nothing fails while both are up');

      await page.getByRole('button', { name: 'Take down Dallas call center' }).click();
      await panel.locator('li.down', { hasText: 'Dallas call center' }).getByText('Down').waitFor();
      const failed = await tileRisesAbove(page, 'Failed', 0);
      assert.ok(failed > 0);
      const rows = await page.locator('traffic-monitor sb-data-table tbody tr').allInnerTexts();
      assert.ok(rows.some((row) => row.includes('dallas') && row.includes('Failed')), 'failed calls at Dallas in the latest calls');
      await screenshot(page, 'traffic-monitor-simulator-incident');

      await page.getByRole('button', { name: 'Bring up Dallas call center' }).click();
      await panel.getByRole('button', { name: 'Take down Dallas call center' }).waitFor();
      assert.equal(await panel.locator('li.down').count(), 0);
    });
  });
});
