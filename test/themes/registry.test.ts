import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThemeRegistry, ThemeError } from '@switchboard/host/dist/themes/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shipped = join(root, 'themes');

describe('themes', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'sb-themes-'));
  });
  afterEach(() => rm(scratch, { recursive: true, force: true }));

  /** A copy of the default theme under another folder, with its theme.json changed. */
  async function variant(folder: string, change: (json: Record<string, unknown>) => void): Promise<void> {
    await cp(join(shipped, 'default'), join(scratch, folder), { recursive: true });
    const json = JSON.parse(await readFile(join(shipped, 'default', 'theme.json'), 'utf8')) as Record<string, unknown>;
    change(json);
    await writeFile(join(scratch, folder, 'theme.json'), JSON.stringify(json));
  }

  describe('the shipped themes', () => {
    it('load, and are visibly different brands', async () => {
      const themes = await ThemeRegistry.load([shipped], 'default');
      assert.deepEqual(
        themes.list().map((t) => t.id),
        ['default', 'example-reseller'],
      );
      const carrier = themes.get('default')!;
      const reseller = themes.get('example-reseller')!;
      assert.equal(carrier.brandName, 'Switchboard');
      assert.equal(reseller.brandName, 'Northwind Telecom');
      for (const token of ['color-primary', 'font-family', 'radius', 'color-header-bg']) {
        assert.notEqual(carrier.tokens[token], reseller.tokens[token], `${token} should differ between the brands`);
      }
      assert.equal(reseller.dir, join(shipped, 'example-reseller'));
    });

    it('turn their tokens into a stylesheet of --sb- custom properties', async () => {
      const themes = await ThemeRegistry.load([shipped], 'default');
      const css = themes.get('example-reseller')!.css;
      assert.match(css, /^:root \{\n/);
      assert.match(css, /\n {2}--sb-color-primary: #8a1c5f;\n/);
      assert.match(css, /\n {2}--sb-radius: 14px;\n/);
      assert.doesNotMatch(css, /[<>\\]/);
    });
  });

  describe('resolving the brand of a request', () => {
    it('picks the theme serving the host name, in any case and with or without a port', async () => {
      const themes = await ThemeRegistry.load([shipped], 'default');
      assert.equal(themes.resolve('portal.northwind.test').id, 'example-reseller');
      assert.equal(themes.resolve('Portal.NorthWind.TEST').id, 'example-reseller');
      assert.equal(themes.resolve('portal.northwind.test:8443').id, 'example-reseller');
      assert.equal(themes.resolve('portal.northwind.test.').id, 'example-reseller');
    });

    it("falls back to the caller's tenant, then to the default", async () => {
      const themes = await ThemeRegistry.load([shipped], 'default');
      assert.equal(themes.resolve('127.0.0.1', 'northwind').id, 'example-reseller');
      assert.equal(themes.resolve('127.0.0.1', 'acme').id, 'default');
      assert.equal(themes.resolve('127.0.0.1').id, 'default');
      assert.equal(themes.resolve('127.0.0.1', null).id, 'default');
      assert.equal(themes.resolve('elsewhere.example').id, 'default');
    });

    it('walks up the tenant path, nearest first, to the first tenant that has a brand', async () => {
      const themes = await ThemeRegistry.load([shipped], 'default');
      assert.equal(themes.resolve('127.0.0.1', ['customer-7', 'northwind', 'carrier']).id, 'example-reseller');
      assert.equal(themes.resolve('127.0.0.1', ['customer-7', 'carrier']).id, 'default');
    });

    it('prefers the host name over the tenant', async () => {
      await variant('other', (t) => Object.assign(t, { id: 'other', hosts: ['other.test'], tenant: 'other-co' }));
      await variant('default', () => undefined);
      await cp(join(shipped, 'example-reseller'), join(scratch, 'example-reseller'), { recursive: true });
      const themes = await ThemeRegistry.load([scratch], 'default');
      assert.equal(themes.resolve('other.test', 'northwind').id, 'other');
    });
  });

  it('gives a theme the default theme’s tokens it does not set itself', async () => {
    await variant('default', () => undefined);
    await variant('lean', (t) => Object.assign(t, { id: 'lean', tokens: { 'color-primary': '#123456' } }));
    const themes = await ThemeRegistry.load([scratch], 'default');
    const css = themes.get('lean')!.css;
    assert.match(css, /--sb-color-primary: #123456;/);
    assert.match(css, /--sb-radius: 6px;/);
  });

  describe('refusing a bad theme', () => {
    it('names the file and every bad field with what is allowed', async () => {
      await variant('default', () => undefined);
      await variant('broken', (t) =>
        Object.assign(t, {
          id: 'Broken_Theme',
          brandName: '',
          logo: 'logo.gif',
          tokens: { 'color-primary': 'red; } body { display: none', Shouty: '#fff' },
          support: { email: 'not-an-address', fax: '123' },
          hosts: ['Portal.Example.com:443'],
          colour: 'blue',
        }),
      );
      const error = await ThemeRegistry.load([scratch], 'default').then(
        () => assert.fail('the theme should be refused'),
        (e: Error) => e,
      );
      assert.ok(error instanceof ThemeError);
      const file = join(scratch, 'broken', 'theme.json');
      assert.ok(error.message.startsWith(`Invalid theme ${file}:`), error.message);
      const expected: [string, RegExp][] = [
        ['id', /lower-case letters, digits and single dashes/],
        ['brandName', /must not be empty/],
        ['logo', /\.svg, \.png or \.webp/],
        ['tokens.color-primary', /without ; \{ \} < > or backslash/],
        ['tokens.Shouty', /not an allowed token name/],
        ['support.email', /email address/],
        ['support.fax', /not an allowed field \(allowed: email, phone, url\)/],
        ['hosts.0', /host name without scheme or port/],
        ['colour', /not an allowed field/],
      ];
      for (const [field, message] of expected) {
        const line = error.message.split('\n').find((l) => l.startsWith(`  - ${field}: `));
        assert.ok(line, `${field} should be named in:\n${error.message}`);
        assert.match(line, message);
      }
    });

    it('names the file when theme.json is not JSON', async () => {
      await variant('default', () => undefined);
      await mkdir(join(scratch, 'typo'));
      await writeFile(join(scratch, 'typo', 'theme.json'), '{ "id": "typo", }');
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), (e: Error) => e.message.includes(join(scratch, 'typo', 'theme.json')));
    });

    it('names a logo that is not in the folder', async () => {
      await variant('default', (t) => Object.assign(t, { logo: 'missing.svg' }));
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), /missing\.svg is missing/);
    });

    it('refuses two themes claiming the same host name, naming both', async () => {
      await variant('default', () => undefined);
      await variant('first', (t) => Object.assign(t, { id: 'first', hosts: ['portal.shared.test'] }));
      await variant('second', (t) => Object.assign(t, { id: 'second', hosts: ['www.second.test', 'portal.shared.test'] }));
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), (e: Error) => {
        assert.match(e.message, /portal\.shared\.test/);
        assert.ok(e.message.includes(join(scratch, 'first', 'theme.json')), e.message);
        assert.ok(e.message.includes(join(scratch, 'second', 'theme.json')), e.message);
        return true;
      });
    });

    it('refuses two themes for one tenant, and two themes with one id', async () => {
      await variant('default', () => undefined);
      await variant('a', (t) => Object.assign(t, { id: 'a', tenant: 'northwind' }));
      await variant('b', (t) => Object.assign(t, { id: 'b', tenant: 'northwind' }));
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), /both claim the tenant "northwind"/);
      await rm(join(scratch, 'b'), { recursive: true });
      await variant('c', (t) => Object.assign(t, { id: 'a' }));
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), /both claim the theme id "a"/);
    });

    it('refuses to start without the default theme', async () => {
      await cp(join(shipped, 'example-reseller'), join(scratch, 'example-reseller'), { recursive: true });
      await assert.rejects(ThemeRegistry.load([scratch], 'default'), /default theme "default" was not found .*themes found: example-reseller/);
    });
  });
});
