import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { SESSION_COOKIE } from '@switchboard/host/dist/identity/cookies.js';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { forEachDatabase } from '../support/databases.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { seedTenant, seedUser, signIn, webClient, type SeededUser } from '../support/identity.js';
import { send } from '../support/http.js';
import { formOf } from '../support/web-client.js';

forEachDatabase((kind, open) => {
  describe(`signing in and the browser session (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let ann: SeededUser;
    let gus: SeededUser;
    let rea: SeededUser;

    before(async () => {
      const database = await open();
      cleanup = database.cleanup;
      host = await startTestHost({ database: { url: database.url, schema: database.schema ?? null }, identity: { fixtures: null } as never });
      await seedTenant(host, 'acme');
      await seedTenant(host, 'globex');
      ann = await seedUser(host, 'acme', 'ann@acme.test');
      gus = await seedUser(host, 'globex', 'gus@globex.test');
      rea = await seedUser(host, 'acme', 'rea@acme.test', 'analyst', ['n-acme-1']);
    });
    after(async () => {
      await host?.dispose();
      await cleanup?.();
    });

    it('answers 401 to a request without a session cookie', async () => {
      const res = await webClient(host).request('GET', '/api/notes/notes');
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'unauthenticated');
    });

    it('signs in with a password and gives the browser only an HttpOnly, Secure, __Host- cookie', async () => {
      const client = webClient(host);
      const page = await client.request('GET', '/auth/login');
      assert.equal(page.status, 302);
      assert.match(page.headers.location!, /^\/oidc\/auth\?client_id=switchboard-shell&response_type=code&.*code_challenge_method=S256/);
      const landed = await signIn(client, ann.login, ann.password);
      assert.equal(landed.path, '/');
      const cookie = client.cookie(SESSION_COOKIE);
      assert.ok(cookie, 'a session cookie');
      const res = await client.request('GET', '/api/notes/notes');
      assert.equal(res.status, 200);
      const session = await client.request('GET', '/api/shell/session');
      assert.equal(session.body.user.name, 'ann');
      assert.equal(session.body.user.tenantName, 'Acme Inc.', 'the header names the account as people know it');
      assert.match(session.body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    });

    it('serves sign-in only on the host names it knows: a forged Host header gets 404, not a redirect elsewhere', async () => {
      for (const path of ['/auth/login', '/oidc/.well-known/openid-configuration']) {
        const res = await send(host.url, 'GET', path, { ca: host.tls.cert, headers: { host: 'evil.example.net' } });
        assert.equal(res.status, 404, path);
        assert.equal(res.body.error.code, 'unknown_host');
      }
    });

    it('never keeps a session id from before sign-in', async () => {
      const client = webClient(host);
      await signIn(client, ann.login, ann.password);
      const before = client.cookie(SESSION_COOKIE)!;
      await signIn(client, ann.login, ann.password);
      const after = client.cookie(SESSION_COOKIE)!;
      assert.notEqual(after, before);
      const stale = webClient(host);
      stale.setCookie(SESSION_COOKIE, before);
      assert.equal((await stale.request('GET', '/api/notes/notes')).status, 401, 'the old session ended');
    });

    it('refuses a change without the anti-forgery token or from another origin, and takes it with both', async () => {
      const client = webClient(host);
      await signIn(client, ann.login, ann.password);
      const csrf = (await client.request('GET', '/api/shell/session')).body.csrfToken as string;
      const body = { id: 'n-acme-1', title: 'Reroute 800 traffic' };
      const noToken = await client.request('POST', '/api/notes/notes', { json: body, headers: { origin: host.url } });
      assert.equal(noToken.status, 403);
      assert.equal(noToken.body.error.code, 'csrf_failed');
      const otherOrigin = await client.request('POST', '/api/notes/notes', { json: body, headers: { origin: 'https://evil.example.net', 'x-csrf-token': csrf } });
      assert.equal(otherOrigin.status, 403);
      assert.equal(otherOrigin.body.error.code, 'csrf_failed');
      const ok = await client.request('POST', '/api/notes/notes', { json: body, headers: { origin: host.url, 'x-csrf-token': csrf } });
      assert.equal(ok.status, 201);
    });

    it('takes the sign-in form only from the portal\'s own page', async () => {
      const attacker = webClient(host);
      const page = await attacker.follow('/auth/login');
      const { action } = formOf(page.text);
      const forged = await attacker.request('POST', action, { form: { login: ann.login, password: ann.password }, headers: { origin: 'https://evil.example.net' } });
      assert.equal(forged.status, 403);
      assert.equal(forged.body.error.code, 'csrf_failed');
      // A browser under a strict referrer policy may send Origin: null; Fetch Metadata then vouches for it.
      const strict = await attacker.request('POST', action, { form: { login: ann.login, password: ann.password }, headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
      assert.equal(strict.status, 303);
      const crossSite = webClient(host);
      const other = formOf((await crossSite.follow('/auth/login')).text).action;
      const refused = await crossSite.request('POST', other, { form: { login: ann.login, password: ann.password }, headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } });
      assert.equal(refused.status, 403);
    });

    it('answers another tenant\'s resource exactly like one that does not exist', async () => {
      const client = webClient(host);
      await signIn(client, gus.login, gus.password);
      const theirs = await client.request('GET', '/api/notes/notes/n-acme-1');
      const none = await client.request('GET', '/api/notes/notes/n-nowhere');
      assert.equal(theirs.status, 404);
      assert.deepEqual({ ...theirs.body.error, requestId: null }, { ...none.body.error, requestId: null });
    });

    it('answers 403 outside the scope of a grant, and 200 inside it', async () => {
      const client = webClient(host);
      await signIn(client, rea.login, rea.password);
      assert.equal((await client.request('GET', '/api/notes/notes/n-acme-1')).status, 200);
      const outside = await client.request('GET', '/api/notes/notes/n-acme-2');
      assert.equal(outside.status, 403);
      assert.equal(outside.body.error.code, 'forbidden_resource');
    });

    it('ends a disabled user\'s open session on their next request', async () => {
      const victim = await seedUser(host, 'acme', 'vic@acme.test');
      const client = webClient(host);
      await signIn(client, victim.login, victim.password);
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 200);
      await host.identity.directory.setUserStatus(OPERATOR, victim.id, 'disabled');
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 401);
    });

    it('signs out: the session and the provider\'s session end, and the cookie is cleared', async () => {
      const client = webClient(host);
      await signIn(client, ann.login, ann.password);
      const cookie = client.cookie(SESSION_COOKIE)!;
      const csrf = (await client.request('GET', '/api/shell/session')).body.csrfToken as string;
      const out = await client.request('POST', '/auth/logout', { headers: { origin: host.url, 'x-csrf-token': csrf } });
      assert.equal(out.status, 204);
      assert.equal(client.cookie(SESSION_COOKIE), undefined);
      const replay = webClient(host);
      replay.setCookie(SESSION_COOKIE, cookie);
      assert.equal((await replay.request('GET', '/api/notes/notes')).status, 401);
      // Signing in again asks for the password: nothing of the old sign-in is left at the provider.
      const again = await client.follow('/auth/login');
      assert.match(again.text, /name="password"/);
    });

    it('locks an account after five wrong passwords, says when to retry, and says the same for an unknown login', async () => {
      const victim = await seedUser(host, 'acme', 'lou@acme.test');
      const client = webClient(host);
      for (let i = 0; i < 4; i++) {
        const wrong = await signIn(client, victim.login, 'not the password at all');
        assert.equal(wrong.status, 401);
        assert.match(wrong.text, /The login or the password is not right/);
      }
      const fifth = await signIn(client, victim.login, 'not the password at all');
      assert.equal(fifth.status, 429, 'the fifth failure locks, and says so at once');
      assert.equal(fifth.headers['retry-after'], '900');
      const locked = await signIn(client, victim.login, victim.password);
      assert.equal(locked.status, 429);
      assert.equal(locked.headers['retry-after'], '900');
      assert.match(locked.text, /Too many failed attempts\. Try again in 15 minutes\./);
      for (let i = 0; i < 5; i++) await signIn(client, 'nobody@acme.test', 'not the password at all');
      const unknown = await signIn(client, 'nobody@acme.test', 'not the password at all');
      assert.equal(unknown.status, 429);
      assert.equal(unknown.text.replace(/nobody@acme\.test/g, 'X').replace(/\/auth\/interaction\/[^/"]+/g, ''), locked.text.replace(/lou@acme\.test/g, 'X').replace(/\/auth\/interaction\/[^/"]+/g, ''));
    });

    it('asks for the second factor when the user has one, and refuses a wrong or replayed code', async () => {
      const tom = await seedUser(host, 'acme', 'tom@acme.test');
      const { credentials } = host.identity;
      const { secret } = await credentials.totp.startEnrolment(tom.id, { issuer: 'Switchboard', login: tom.login });
      assert.equal(await credentials.totp.confirmEnrolment(tom.id, await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 })), true);
      const client = webClient(host);
      const wrong = await signIn(client, tom.login, tom.password, () => '000000');
      assert.equal(wrong.status, 401);
      assert.match(wrong.text, /That code is not right, or was already used/);
      const code = await generate({ secret });
      const ok = await signIn(client, tom.login, tom.password, () => code);
      assert.equal(ok.path, '/');
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 200);
      const replayed = await signIn(webClient(host), tom.login, tom.password, () => code);
      assert.equal(replayed.status, 401);
    });

    it('enrols a second factor when the tenant requires one, then hands out recovery codes that work once', async () => {
      await seedTenant(host, 'initech', { mfaRequired: true });
      const meg = await seedUser(host, 'initech', 'meg@initech.test');
      const client = webClient(host);
      const enrol = await signIn(client, meg.login, meg.password);
      assert.match(enrol.text, /Set up your second step/);
      assert.match(enrol.text, /<img class="qr" src="data:image\/svg\+xml;base64,/);
      const secret = /<code>([A-Z2-7]+)<\/code>/.exec(enrol.text)![1]!;
      const form = formOf(enrol.text);
      const codesPage = await client.submit(form.action, { ...form.hidden, code: await generate({ secret }) });
      assert.match(codesPage.text, /Your recovery codes/);
      const codes = [...codesPage.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10);
      const done = await client.submit(formOf(codesPage.text).action, formOf(codesPage.text).hidden);
      assert.equal(done.path, '/');
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 200);

      const withRecovery = await signIn(webClient(host), meg.login, meg.password, () => codes[0]!);
      assert.equal(withRecovery.path, '/');
      const reused = await signIn(webClient(host), meg.login, meg.password, () => codes[0]!);
      assert.equal(reused.status, 401);
    });

    it('lets a new user set a password through a one-time link, then sign in with it', async () => {
      const { directory, setupTokens } = host.identity;
      const neo = await directory.createUser(OPERATOR, { tenantId: 'acme', login: 'neo@acme.test', name: 'Neo', email: 'neo@acme.test' });
      await directory.grant(OPERATOR, { subject: { kind: 'user', id: neo.id }, roleId: 'analyst' });
      const token = await setupTokens.issue(neo.id);
      const client = webClient(host);
      const form = await client.request('GET', `/auth/setup/${token}`);
      assert.match(form.text, /Choose a password for <strong>neo@acme\.test<\/strong>/);
      const weak = await client.request('POST', `/auth/setup/${token}`, { form: { password: 'neo@acme.test1', confirm: 'neo@acme.test1' } });
      assert.equal(weak.status, 422);
      assert.match(weak.text, /Do not use your login name in your password/);
      const set = await client.request('POST', `/auth/setup/${token}`, { form: { password: 'a long and quiet river', confirm: 'a long and quiet river' } });
      assert.equal(set.status, 200);
      assert.equal((await client.request('GET', `/auth/setup/${token}`)).status, 404, 'the link works once');
      assert.equal((await signIn(client, 'neo@acme.test', 'a long and quiet river')).path, '/');
    });
  });
  describe(`session timeouts (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let ann: SeededUser;

    before(async () => {
      const database = await open();
      cleanup = database.cleanup;
      // A second of idleness and six of life, so the test waits for real without waiting long.
      host = await startTestHost({
        database: { url: database.url, schema: database.schema ?? null },
        identity: { fixtures: null, session: { idleMinutes: 1 / 60, absoluteHours: 6 / 3600 } } as never,
      });
      await seedTenant(host, 'acme');
      ann = await seedUser(host, 'acme', 'ann@acme.test');
    });
    after(async () => {
      await host?.dispose();
      await cleanup?.();
    });

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('ends a session left idle past the idle timeout: the next request gets 401', async () => {
      const client = webClient(host);
      await signIn(client, ann.login, ann.password);
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 200);
      await pause(1500);
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 401);
    });

    it('ends a session past its absolute lifetime even while it is in use', async () => {
      const client = webClient(host);
      await signIn(client, ann.login, ann.password);
      const started = Date.now();
      // Busy all along (never a second idle): well inside the lifetime it answers, well past it not.
      for (let elapsed = 0; elapsed < 7000; elapsed = Date.now() - started) {
        const status = (await client.request('GET', '/api/notes/notes')).status;
        if (elapsed < 4500) assert.equal(status, 200, `still alive ${elapsed} ms after sign-in`);
        await pause(400);
      }
      assert.equal((await client.request('GET', '/api/notes/notes')).status, 401);
    });
  });
});
