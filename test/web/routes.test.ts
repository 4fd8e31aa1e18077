import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import type { Identity } from '@switchboard/sdk';
import { ThemeRegistry } from '@switchboard/host/dist/themes/index.js';
import * as Web from '@switchboard/host/dist/web/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { buildWebAssets, shellMiddleware } = Web;

type Fixture = Omit<Identity, 'kind' | 'subject'>;
const fixtures = JSON.parse(await readFile(join(root, 'test/fixtures/identities.json'), 'utf8')) as Record<string, Fixture>;
fixtures.nora = { name: 'Nora North', tenantId: 'northwind', tenants: ['northwind'], grants: {} };

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Buffer;
}

describe('the shell routes', function () {
  this.timeout(60_000);
  let dir: string;
  let server: Server;
  let build: Web.WebBuildResult;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-shell-'));
    build = await buildWebAssets({ outDir: dir, plugins: [{ id: 'notes', webEntry: join(root, 'test/fixtures/plugins/notes/dist/web/index.js') }] });
    const app = new Koa();
    app.use(
      shellMiddleware({
        themes: await ThemeRegistry.load([join(root, 'themes')], 'default'),
        assetsDir: dir,
        plugins: () => [
          { id: 'notes', title: 'Notes', menu: [{ label: 'Notes', path: '', entitlement: 'notes.read' }] },
          { id: 'hidden', title: 'Hidden', menu: [{ label: 'Secret', path: 'x', entitlement: 'secret.read', order: 1 }], moduleUrl: '/assets/hidden.js' },
        ],
        identify: async (ctx) => {
          const name = ctx.get('x-user');
          if (!name) return null;
          if (!fixtures[name]) throw Object.assign(new Error('bad credentials'), { status: 401, expose: true });
          return { kind: 'fixture', subject: name, ...fixtures[name]! };
        },
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
  const session = async (headers: Record<string, string> = {}) => JSON.parse((await get('/api/shell/session', headers)).text) as Web.SessionResponse;

  describe('the page', () => {
    it('is written for the brand of the Host header, with no inline script or style', async () => {
      const carrier = await get('/');
      const reseller = await get('/', { host: 'portal.northwind.test:8443' });
      assert.equal(carrier.status, 200);
      assert.equal(carrier.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(carrier.text, /<title>Switchboard Business Portal<\/title>/);
      assert.match(reseller.text, /<title>Northwind Connect<\/title>/);
      assert.match(reseller.text, /<sb-shell brand-name="Northwind Telecom" product-name="Northwind Connect">/);
      for (const page of [carrier.text, reseller.text]) {
        const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.deepEqual(scripts, [`<script type="module" src="${build.shell.script}">`]);
        assert.doesNotMatch(page, /<style|\sstyle=|\son[a-z]+=/i);
        assert.match(page, /<link rel="icon" href="\/theme\/favicon" type="image\/svg\+xml">/);
        assert.match(page, /<link rel="stylesheet" href="\/theme.css">/);
        assert.ok(page.includes(`<link rel="stylesheet" href="${build.shell.stylesheet}">`));
      }
    });

    it("uses the caller's tenant brand on a host of no brand", async () => {
      assert.match((await get('/', { 'x-user': 'nora' })).text, /<title>Northwind Connect<\/title>/);
      assert.match((await get('/', { 'x-user': 'alice' })).text, /<title>Switchboard Business Portal<\/title>/);
      // A bad credential still gets a page (the host's brand); the API is where it is refused.
      assert.equal((await get('/', { 'x-user': 'mallory' })).status, 200);
    });

    it('answers any address that is not a file or the API, so a reload works', async () => {
      assert.match((await get('/some/deep/page')).text, /<sb-shell/);
      assert.equal((await get('/robots.txt')).status, 404);
      assert.equal((await get('/api/elsewhere')).status, 404);
      assert.equal((await get('/', {}, 'POST')).status, 404);
    });

    it('is revalidated with an ETag', async () => {
      const first = await get('/');
      assert.equal(first.headers['cache-control'], 'private, no-cache');
      const again = await get('/', { 'if-none-match': String(first.headers.etag) });
      assert.equal(again.status, 304);
    });
  });

  describe('the brand resources', () => {
    it('serve each brand its stylesheet, logo and favicon', async () => {
      const carrierCss = await get('/theme.css');
      const resellerCss = await get('/theme.css', { host: 'portal.northwind.test' });
      assert.equal(carrierCss.headers['content-type'], 'text/css; charset=utf-8');
      assert.match(carrierCss.text, /--sb-color-primary: #0b5cad;/);
      assert.match(resellerCss.text, /--sb-color-primary: #8a1c5f;/);
      const logo = await get('/theme/logo', { host: 'portal.northwind.test' });
      assert.equal(logo.headers['content-type'], 'image/svg+xml; charset=utf-8');
      assert.equal(logo.text, await readFile(join(root, 'themes/example-reseller/logo.svg'), 'utf8'));
      assert.match((await get('/theme/favicon')).text, /<svg/);
    });
  });

  describe('the assets', () => {
    it('are served with their type, charset and a year of immutable caching', async () => {
      const script = await get(build.shell.script);
      assert.equal(script.status, 200);
      assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal((await get(build.shell.stylesheet)).headers['content-type'], 'text/css; charset=utf-8');
    });

    it('are sent compressed to clients that accept it', async () => {
      const plain = await get(build.modules.notes!);
      const gzip = await get(build.modules.notes!, { 'accept-encoding': 'gzip' });
      const br = await get(build.modules.notes!, { 'accept-encoding': 'br, gzip' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(br.body.length < plain.body.length);
      assert.match(String(gzip.headers.vary), /Accept-Encoding/);
    });

    it('refuse names outside the build and its by-products', async () => {
      for (const path of ['/assets/nope-AAAAAAAA.js', '/assets/build-manifest.json', `${build.shell.script}.gz`, '/assets/..%2F..%2Fetc%2Fpasswd', '/assets/.hidden']) {
        assert.equal((await get(path)).status, 404, path);
      }
    });
  });

  describe('GET /api/shell/session', () => {
    it('gives an entitled user the menu entries they hold and the modules behind them', async () => {
      const s = await session({ 'x-user': 'alice' });
      assert.deepEqual(s.user, { name: 'Alice Admin', tenantId: 'acme', tenantName: 'acme', grants: { 'notes:notes.read': '*', 'notes:notes.write': '*' } });
      assert.deepEqual(s.menu, [{ plugin: 'notes', label: 'Notes', href: '#/notes', order: 100 }]);
      assert.deepEqual(s.modules, { notes: build.modules.notes });
      assert.deepEqual(s.titles, { notes: 'Notes' });
      assert.equal(s.brand.brandName, 'Switchboard');
      assert.equal(s.brand.support.email, 'support@switchboard.example');
    });

    it('counts a grant scoped to some resources as holding the entitlement', async () => {
      assert.deepEqual((await session({ 'x-user': 'bob' })).menu.map((m) => m.label), ['Notes']);
    });

    it('gives no menu and no modules to a user without grants, or to nobody', async () => {
      const none = await session({ 'x-user': 'nobody' });
      assert.deepEqual(none.menu, []);
      assert.deepEqual(none.modules, {});
      const anonymous = await session();
      assert.equal(anonymous.user, null);
      assert.deepEqual(anonymous.menu, []);
      assert.deepEqual(anonymous.modules, {});
    });

    it('names the brand of the host, and is never cached', async () => {
      const answer = await get('/api/shell/session', { host: 'portal.northwind.test' });
      assert.equal(answer.headers['cache-control'], 'no-store');
      assert.equal((JSON.parse(answer.text) as Web.SessionResponse).brand.productName, 'Northwind Connect');
    });

    it('refuses a bad credential rather than treating it as nobody', async () => {
      assert.equal((await get('/api/shell/session', { 'x-user': 'mallory' })).status, 401);
    });
  });
});
