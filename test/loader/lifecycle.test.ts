import assert from 'node:assert/strict';
import { PluginLoadError, RequirementError } from '@switchboard/host';
import { startTestHost } from '../support/host.js';

const sets = (...names: string[]) => names.map((n) => `test/fixtures/plugin-sets/${n}`);
const calls = () => ((globalThis as { lifecycleCalls?: string[] }).lifecycleCalls ??= []);
const identities = 'test/fixtures/plugin-sets/identities.json';

describe('plugin life cycle', () => {
  it('sets up, starts and stops plugins in requirement order, and passes contracts between them', async () => {
    calls().length = 0;
    const host = await startTestHost({ plugins: { dirs: sets('chain') }, identity: { fixtures: identities } });
    assert.deepEqual(calls(), ['base.setup', 'consumer.setup', 'base.start', 'consumer.start']);
    const res = await host.request('GET', '/api/consumer/greeting', { as: 'operator' });
    assert.deepEqual(res.body, { text: 'hello consumer from base' });
    await host.dispose();
    assert.deepEqual(calls().slice(4), ['consumer.stop', 'base.stop']);
  });

  it('refuses to start when a required plugin is missing, naming both', async () => {
    await assert.rejects(startTestHost({ plugins: { dirs: sets('missing') } }), (error: unknown) => {
      assert.ok(error instanceof RequirementError);
      assert.equal(error.message, 'Plugin lonely requires "traffic", which is not loaded');
      return true;
    });
  });

  it('refuses to start on a requirement cycle, naming the plugins in it', async () => {
    await assert.rejects(startTestHost({ plugins: { dirs: sets('cycle') } }), /Plugins require each other in a cycle: alpha -> beta -> gamma -> alpha/);
  });

  it('refuses to start a plugin with a route open to anyone', async () => {
    await assert.rejects(startTestHost({ plugins: { dirs: sets('unguarded') } }), (error: unknown) => {
      assert.ok(error instanceof PluginLoadError);
      assert.match(error.message, /Plugin "open" cannot register GET \/secrets: it declares no entitlement/);
      return true;
    });
  });

  it('reports a plugin that fails in setup, and stops the start unless it is optional', async () => {
    await assert.rejects(startTestHost({ plugins: { dirs: sets('failing') } }), /broken[\s\S]*the broken plugin cannot reach its switch/);
  });

  it('runs without an optional plugin that fails, and without the plugins that need it', async () => {
    const host = await startTestHost({ plugins: { dirs: sets('failing', 'chain'), optional: ['broken', 'dependent'] }, identity: { fixtures: identities } });
    const states = Object.fromEntries(host.runtime.list().map((s) => [s.id, s.state]));
    assert.deepEqual(states, { broken: 'failed', dependent: 'failed', base: 'running', consumer: 'running' });
    assert.match(host.runtime.list().find((s) => s.id === 'dependent')!.error!, /requires broken, which failed to load/);
    // The route the broken plugin registered before failing is not there.
    assert.equal((await host.request('GET', '/api/broken/x', { as: 'operator' })).status, 404);
    assert.equal((await host.request('GET', '/api/base/hello', { as: 'operator' })).status, 200);
    await host.dispose();
  });

  it('hands a plugin its settings, checked against its schema with defaults applied', async () => {
    const host = await startTestHost({ plugins: { dirs: sets('settings'), settings: { configured: { greeting: 'hello' } } }, identity: { fixtures: identities } });
    assert.deepEqual((await host.request('GET', '/api/configured/settings', { as: 'operator' })).body, { greeting: 'hello', rate: 5 });
    await host.dispose();
    await assert.rejects(
      startTestHost({ plugins: { dirs: sets('settings'), settings: { configured: { rate: 0 } } } }),
      /plugins\.settings\.configured\.rate: must be >= 1/,
    );
  });
});
