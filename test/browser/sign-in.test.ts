import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page, Response } from 'playwright-core';
import { startHost, type RunningHost } from '@switchboard/host';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { cspCheckedPages, launchChromium, notesTableLoaded, requireChromium, screenshot } from '../support/browser.js';
import { seedTenant, seedUser, type SeededUser } from '../support/identity.js';

/**
 * Signing in as a person does it, in a real Chromium, against a running host with real accounts
 * (no fixture identities): the shell's "Sign in", the branded pages of the OpenID Provider, the
 * second step, the shell signed in with the menu of the user's entitlements, signing out; the
 * lockout; the reseller's brand on the reseller's host name; the strict CSP and the keyboard.
 */
describe('signing in with Chromium', function () {
  this.timeout(120_000);
  let dataDir: string;
  let host: RunningHost;
  let browser: Browser;
  let carrierUrl: string;
  let resellerUrl: string;
  let ann: SeededUser; // acme administrator
  let rea: SeededUser; // acme analyst: reads, never writes
  let gus: SeededUser; // globex, a customer of the reseller northwind
  let tom: SeededUser; // acme, with an authenticator app
  let totpSecret: string;

  /** A seeded user with a display name a person would have. */
  async function user(tenantId: string, login: string, name: string, roleId = 'administrator'): Promise<SeededUser> {
    const seeded = await seedUser(host, tenantId, login, roleId);
    await host.identity.directory.updateUser(OPERATOR, seeded.id, { name });
    return seeded;
  }

  before(async function () {
    requireChromium(this);
    dataDir = await mkdtemp(join(tmpdir(), 'sb-browser-sign-in-'));
    host = await startHost(
      {
        dataDir,
        server: { host: '127.0.0.1', httpsPort: 0, httpPort: 0 },
        log: { level: 'silent' },
        plugins: { dirs: ['test/fixtures/plugins'] },
        identity: { fixtures: null },
      },
      { env: {} },
    );
    carrierUrl = `https://127.0.0.1:${host.port}/`;
    resellerUrl = `https://portal.northwind.test:${host.port}/`;

    await seedTenant(host, 'acme', { plugins: ['notes'] });
    await seedTenant(host, 'northwind', { kind: 'reseller', plugins: ['notes'] });
    await host.identity.directory.updateTenant(OPERATOR, 'northwind', { theme: 'example-reseller' });
    await seedTenant(host, 'globex', { parentId: 'northwind', plugins: ['notes'] });
    ann = await user('acme', 'ann@acme.test', 'Ann Archer');
    rea = await user('acme', 'rea@acme.test', 'Rea Reader', 'analyst');
    gus = await user('globex', 'gus@globex.test', 'Gus Grant');
    tom = await user('acme', 'tom@acme.test', 'Tom Tally');
    const { secret } = await host.identity.credentials.totp.startEnrolment(tom.id, { issuer: 'Switchboard', login: tom.login });
    // Confirmed with the previous period's code, so the current one is still unused at sign-in.
    assert.equal(await host.identity.credentials.totp.confirmEnrolment(tom.id, await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 })), true);
    totpSecret = secret;

    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const newPage = cspCheckedPages(() => browser);

  /** The policy every page of the portal is served with: own scripts and styles only. */
  function assertStrictCsp(response: Response | null) {
    assert.ok(response, 'a response');
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  }

  /**
   * A fresh browser (no cookies) on `url`, the shell drawn. The page's own CSP violations are
   * checked at each step too, since the in-page record starts over on every navigation.
   */
  async function open(url: string, viewport = { width: 1280, height: 800 }) {
    const { page, context, noViolationsYet } = await newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const response = await page.goto(url);
    assert.equal(response?.status(), 200);
    assertStrictCsp(response);
    await shellReady(page);
    assert.deepEqual(errors, []);
    return { page, context, errors, noViolationsYet };
  }

  async function shellReady(page: Page) {
    await page.locator('sb-shell main h1').waitFor();
    await page.waitForFunction(() => {
      const shell = document.querySelector('sb-shell')?.shadowRoot;
      return shell?.querySelector('main')?.getAttribute('aria-busy') === 'false' && shell.querySelector('header .user')?.textContent?.trim() !== '';
    });
  }

  /** The id of the element that has focus on a plain (server-drawn) page. */
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  /** Presses Enter in a sign-in form and waits for the answer to the POST (after any redirects, the page it lands on). */
  async function submitWithEnter(page: Page): Promise<Response> {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/auth/interaction/'));
    await page.keyboard.press('Enter');
    const response = await answer;
    await page.waitForLoadState('load');
    return response;
  }

  /** From the shell's "Sign in" to the sign-in page: checks the page's CSP, focus and brand basics. */
  async function goToSignIn(page: Page): Promise<Response> {
    const landed = page.waitForResponse((r) => r.request().method() === 'GET' && /\/auth\/interaction\/[^/]+$/.test(new URL(r.url()).pathname));
    await page.locator('sb-shell header a.sign-in').click();
    const response = await landed;
    await page.locator('form input#login').waitFor();
    assert.equal(response.status(), 200);
    assertStrictCsp(response);
    assert.equal(await page.locator('h1').textContent(), 'Sign in');
    // Ready to type: the login field has focus, then Tab goes to the password, then to the button.
    assert.equal(await focused(page), 'login');
    return response;
  }

  /** Types the login and password from the keyboard, as a person would, and submits with Enter. */
  async function typeCredentials(page: Page, login: string, password: string): Promise<Response> {
    assert.equal(await focused(page), 'login');
    await page.keyboard.type(login);
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'password');
    await page.keyboard.type(password);
    return submitWithEnter(page);
  }

  /** The brand the shell is showing. */
  async function shellBrand(page: Page) {
    return {
      logoAlt: await page.locator('sb-shell header img').getAttribute('alt'),
      product: (await page.locator('sb-shell header .product').textContent())?.trim(),
      headerColour: await page.locator('sb-shell header').evaluate((el) => getComputedStyle(el).backgroundColor),
      title: await page.title(),
    };
  }

  /** The brand a sign-in page shows: the logo (its text is the brand's name) on the brand's header colour, the product. */
  async function signInBrand(page: Page) {
    const logo = page.locator('.brand img');
    await logo.evaluate((img: HTMLImageElement) => img.decode());
    return {
      logoAlt: await logo.getAttribute('alt'),
      // Drawn at the logo's own proportions, not squeezed into a square.
      logoLoaded: await logo.evaluate((img: HTMLImageElement) => img.naturalWidth > 0 && Math.abs(img.width / img.height - img.naturalWidth / img.naturalHeight) < 0.05),
      product: (await page.locator('.product').textContent())?.trim(),
      bandColour: await page.locator('.brand').evaluate((el) => getComputedStyle(el).backgroundColor),
    };
  }

  /** Who the shell says is signed in, from its header. */
  const headerUser = (page: Page) => page.locator('sb-shell header .user').innerText();

  it('signs in with a password and a TOTP code from the keyboard, shows the user and their menu, then signs out', async () => {
    const { page, context, noViolationsYet } = await open(carrierUrl);
    // Signed out: the shell says so and offers the way in.
    assert.equal(await page.locator('sb-shell main h1').textContent(), 'You are not signed in');
    assert.equal((await page.locator('sb-shell header a.sign-in').innerText()).trim(), 'Sign in');
    assert.equal(await page.locator('sb-shell nav').count(), 0, 'no menu without a user');
    await screenshot(page, 'sign-in-shell-signed-out');

    // The carrier's sign-in page on the carrier's address.
    await goToSignIn(page);
    await noViolationsYet();
    assert.equal(await page.title(), 'Sign in · Switchboard Business Portal');
    assert.deepEqual(await signInBrand(page), { logoAlt: 'Switchboard', logoLoaded: true, product: 'Switchboard Business Portal', bandColour: 'rgb(10, 37, 64)' });
    assert.equal(await page.locator('script').count(), 0, 'the sign-in pages hold no script at all');
    await screenshot(page, 'sign-in-page-carrier');

    // The password, then the second step.
    const afterPassword = await typeCredentials(page, tom.login, tom.password);
    assert.equal(afterPassword.status(), 200);
    await page.locator('form input#code').waitFor();
    await noViolationsYet();
    assert.equal(await page.locator('h1').textContent(), 'Second step');
    assert.equal(await focused(page), 'code', 'the code field has focus');
    assert.equal(await page.locator('#code').getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await page.locator('#code').getAttribute('aria-describedby'), 'code-hint');
    await screenshot(page, 'sign-in-second-step');

    // A wrong code is refused, said so where a screen reader hears it, and the field is ready again.
    const wrong = await (async () => {
      await page.keyboard.type('000000');
      return submitWithEnter(page);
    })();
    assert.equal(wrong.status(), 401);
    assert.equal((await page.locator('.message[role="alert"]').textContent())?.trim(), 'That code is not right, or was already used.');
    assert.equal(await page.title(), 'Error: Second step · Switchboard Business Portal', 'the title says first that something went wrong');
    assert.equal(await focused(page), 'code');
    await screenshot(page, 'sign-in-second-step-wrong-code');

    // The right code: back in the shell, signed in.
    await page.keyboard.type(await generate({ secret: totpSecret }));
    await page.keyboard.press('Enter');
    await page.waitForURL(carrierUrl);
    await shellReady(page);
    await page.locator('sb-shell main h1', { hasText: 'Welcome, Tom Tally' }).waitFor();
    await noViolationsYet();
    assert.match(await headerUser(page), /Tom Tally/);
    assert.equal(await page.locator('sb-shell header .user .sign-out').innerText(), 'Sign out');
    assert.deepEqual(await page.locator('sb-shell nav a').allInnerTexts(), ['Start', 'Notes']);
    // The browser holds only the session cookie, out of reach of scripts.
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    assert.ok(cookie, 'the session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie), '');
    const session = await (await page.request.get(`${carrierUrl}api/shell/session`)).json();
    assert.equal(session.user.name, 'Tom Tally');
    await screenshot(page, 'sign-in-signed-in');

    // Signing out: the shell is signed out again, and so is the server.
    await page.locator('sb-shell header .sign-out').click();
    await page.locator('sb-shell header a.sign-in').waitFor();
    assert.equal(await page.locator('sb-shell main h1').textContent(), 'You are not signed in');
    assert.equal(await page.locator('sb-shell nav').count(), 0);
    const after = await page.request.get(`${carrierUrl}api/shell/session`);
    assert.equal(after.status(), 200);
    assert.equal((await after.json()).user, null);
    assert.equal((await context.cookies()).find((c) => c.name === SESSION_COOKIE), undefined, 'the cookie is gone');
    await screenshot(page, 'sign-in-signed-out-again');

    // The provider's session ended too: signing in again asks for the password.
    await goToSignIn(page);
    assert.equal(await page.locator('input#password').count(), 1);
  });

  it('locks the account after five wrong passwords and says when to try again', async () => {
    const lou = await user('acme', 'lou@acme.test', 'Lou Locked');
    const { page, noViolationsYet } = await open(carrierUrl);
    await goToSignIn(page);
    let answer = await typeCredentials(page, lou.login, 'not the password at all');
    for (let i = 1; i < 5; i++) {
      assert.equal(answer.status(), 401, `attempt ${i}`);
      assert.equal((await page.locator('.message[role="alert"]').textContent())?.trim(), 'The login or the password is not right.');
      // The login stays filled in, and the password field has focus for the next try.
      assert.equal(await page.locator('#login').inputValue(), lou.login);
      assert.equal(await page.locator('#password').inputValue(), '');
      assert.equal(await focused(page), 'password');
      if (i === 1) await screenshot(page, 'sign-in-wrong-password');
      await page.keyboard.type('not the password at all');
      answer = await submitWithEnter(page);
    }
    // The fifth wrong password locks the account, and the answer says so and for how long.
    assert.equal(answer.status(), 429);
    assert.equal(answer.headers()['retry-after'], '900');
    assert.equal((await page.locator('.message[role="alert"]').textContent())?.trim(), 'Too many failed attempts. Try again in 15 minutes.');
    await noViolationsYet();

    // Still locked with the right password.
    await page.keyboard.type(lou.password);
    const locked = await submitWithEnter(page);
    assert.equal(locked.status(), 429);
    assert.equal(locked.headers()['retry-after'], '900');
    await screenshot(page, 'sign-in-locked');
  });

  it('shows a read-only analyst the menus of their entitlements only: Notes, and no way to add one', async () => {
    // A note for the analyst to read, added by the administrator through the shell's session.
    {
      const { page } = await open(`${carrierUrl}#/notes`);
      await goToSignIn(page);
      await typeCredentials(page, ann.login, ann.password);
      // Back on the page signing in started from.
      await page.waitForURL(`${carrierUrl}#/notes`);
      await page.locator('notes-page sb-button', { hasText: 'Add note' }).first().waitFor();
      const { csrfToken } = await (await page.request.get(`${carrierUrl}api/shell/session`)).json();
      const added = await page.request.post(`${carrierUrl}api/notes/notes`, {
        data: { title: 'Dallas cut-over at 18:00', body: 'Move 800-555-0100 to Dallas.' },
        headers: { 'x-csrf-token': csrfToken, origin: carrierUrl.slice(0, -1) },
      });
      assert.equal(added.status(), 201, await added.text());
    }

    const { page } = await open(carrierUrl);
    await goToSignIn(page);
    await typeCredentials(page, rea.login, rea.password);
    await page.waitForURL(carrierUrl);
    await shellReady(page);
    await page.locator('sb-shell main h1', { hasText: 'Welcome, Rea Reader' }).waitFor();
    assert.deepEqual(await page.locator('sb-shell nav a').allInnerTexts(), ['Start', 'Notes']);
    await page.locator('sb-shell nav a', { hasText: 'Notes' }).click();
    await notesTableLoaded(page);
    assert.ok((await page.locator('notes-page sb-data-table tbody td:first-child').allInnerTexts()).includes('Dallas cut-over at 18:00'));
    assert.equal(await page.locator('notes-page sb-button', { hasText: 'Add note' }).count(), 0, 'no Add note button for a reader');
    await screenshot(page, 'sign-in-analyst-notes');
  });

  it('shows the reseller’s brand to the reseller’s customer, on the sign-in page and in the shell', async () => {
    const { page, noViolationsYet } = await open(resellerUrl);
    const before = await shellBrand(page);
    assert.equal(before.logoAlt, 'Northwind Telecom');
    assert.equal(before.product, 'Northwind Connect');

    await goToSignIn(page);
    await noViolationsYet();
    assert.equal(new URL(page.url()).host, `portal.northwind.test:${host.port}`, 'signing in stays on the reseller’s host name');
    assert.equal(await page.title(), 'Sign in · Northwind Connect');
    assert.deepEqual(await signInBrand(page), { logoAlt: 'Northwind Telecom', logoLoaded: true, product: 'Northwind Connect', bandColour: 'rgb(255, 246, 238)' });
    assert.equal(await page.locator('button[type="submit"]').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(138, 28, 95)');
    assert.match(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily), /Georgia/);
    assert.match(await page.locator('.support').innerText(), /help@northwind\.example/);
    await screenshot(page, 'sign-in-page-example-reseller');

    await typeCredentials(page, gus.login, gus.password);
    await page.waitForURL(resellerUrl);
    await shellReady(page);
    await page.locator('sb-shell main h1', { hasText: 'Welcome, Gus Grant' }).waitFor();
    await noViolationsYet();
    const brand = await shellBrand(page);
    assert.equal(brand.logoAlt, 'Northwind Telecom');
    assert.equal(brand.product, 'Northwind Connect');
    assert.equal(brand.headerColour, 'rgb(255, 246, 238)');
    assert.match(brand.title, /Northwind Connect/);
    assert.match(await headerUser(page), /Gus Grant/);
    assert.deepEqual(await page.locator('sb-shell nav a').allInnerTexts(), ['Start', 'Notes']);
    await screenshot(page, 'sign-in-signed-in-example-reseller');
  });

  it('fits the sign-in page and the signed-in header on a phone screen', async () => {
    const { page } = await open(resellerUrl, { width: 390, height: 844 });
    // Nothing wider than the screen: no sideways scrolling.
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await goToSignIn(page);
    assert.equal(await fits(), true);
    await screenshot(page, 'sign-in-page-narrow');
    await typeCredentials(page, gus.login, gus.password);
    await page.waitForURL(resellerUrl);
    await shellReady(page);
    await page.locator('sb-shell main h1', { hasText: 'Welcome, Gus Grant' }).waitFor();
    assert.equal(await fits(), true);
    assert.equal(await page.locator('sb-shell header .sign-out').isVisible(), true);
    await screenshot(page, 'sign-in-signed-in-narrow');
  });
});
