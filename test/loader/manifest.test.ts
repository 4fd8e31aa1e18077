import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SDK_VERSION } from '@switchboard/sdk';
import { discoverPlugins, PluginLoadError, projectRoot, readManifest } from '@switchboard/host';

const set = (name: string) => `${projectRoot}test/fixtures/plugin-sets/${name}`;

describe('plugin manifests', () => {
  it('accepts the fixture plugin and reads its id, version and entitlements', async () => {
    const plugin = await readManifest(`${projectRoot}test/fixtures/plugins/notes`);
    assert.equal(plugin.manifest.id, 'notes');
    assert.equal(plugin.version, '1.2.0');
    assert.deepEqual(Object.keys(plugin.manifest.entitlements), ['notes.read', 'notes.write']);
  });

  it('names every bad field of a broken manifest', async () => {
    const error = await readManifest(`${set('bad-manifest')}/bad`).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof PluginLoadError);
    const text = error.problems.join('\n');
    assert.match(text, /^version: package.json must carry a semver version$/m);
    assert.match(text, /switchboard\.title: is required/);
    assert.match(text, /switchboard\.id: must match the pattern/);
    assert.match(text, /switchboard\.entitlements\.Plans Write: is not an allowed name/);
    assert.match(text, /switchboard\.server: must match the pattern/);
    assert.match(text, /switchboard\.colour: is not an allowed field/);
    assert.match(text, /menu: entry "Plans" needs entitlement "plans\.read", which the manifest does not declare/);
  });

  it('refuses a plugin built for another SDK range, saying both versions', async () => {
    const error = await readManifest(`${set('old-sdk')}/legacy`).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof PluginLoadError);
    assert.deepEqual(error.problems, [`switchboard.sdk: the plugin was built for SDK ^0.4.0, but this host provides SDK ${SDK_VERSION}`]);
  });

  it('refuses the ids the host keeps for itself', async () => {
    const error = await readManifest(`${set('reserved')}/impostor`).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof PluginLoadError);
    assert.deepEqual(error.problems, ['switchboard.id: "host" is the host\'s own (its routes, entitlements and tables); choose another id']);
  });

  it('keeps the SDK version constant equal to the SDK package version', () => {
    const pkg = JSON.parse(readFileSync(`${projectRoot}sdk/package.json`, 'utf8')) as { version: string };
    assert.equal(SDK_VERSION, pkg.version);
  });

  it('discovers every plugin folder and reports the broken ones without stopping', async () => {
    const { plugins, failures } = await discoverPlugins([set('chain'), set('old-sdk')], []);
    assert.deepEqual(plugins.map((p) => p.manifest.id).sort(), ['base', 'consumer']);
    assert.equal(failures.length, 1);
    assert.match(failures[0]!.message, /legacy/);
  });

  it('finds plugins named as packages in config, and skips disabled ones', async () => {
    const { plugins } = await discoverPlugins([], ['@switchboard/fixture-notes', './test/fixtures/plugin-sets/chain/base'], ['base']);
    assert.deepEqual(plugins.map((p) => p.manifest.id), ['notes']);
  });

  it('refuses two packages claiming one id, naming both folders', async () => {
    const { plugins, failures } = await discoverPlugins([set('chain')], ['./test/fixtures/plugin-sets/chain/base']);
    assert.equal(plugins.length, 2);
    assert.match(failures[0]!.message, /two packages claim this id: .*chain\/base and .*chain\/base/);
  });
});
