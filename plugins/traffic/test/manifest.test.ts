import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readManifest } from '@switchboard/host';

describe('traffic: the plugin manifest', () => {
  it('passes the host loader checks: id, SDK range, the entitlements the service needs, its server and web entries, migrations and menu', async () => {
    const packageDir = fileURLToPath(new URL('../../', import.meta.url));
    const plugin = await readManifest(packageDir);
    assert.equal(plugin.packageName, '@switchboard/plugin-traffic');
    assert.equal(plugin.manifest.id, 'traffic');
    assert.deepEqual(Object.keys(plugin.manifest.entitlements).sort(), [
      'calls.read',
      'network.cdrs.write',
      'numbers.read',
      'numbers.write',
      'simulator.write',
    ]);
    // The built-in network-element role holds `*:network.*`, so switches may send records and nothing else.
    assert.deepEqual(Object.keys(plugin.manifest.entitlements).filter((name) => name.startsWith('network.')), ['network.cdrs.write']);
    assert.equal(plugin.manifest.server, './dist/src/server/index.js');
    assert.equal(plugin.manifest.migrations, './dist/src/migrations');
    assert.equal(plugin.manifest.web, './dist/src/web/index.js');
    assert.deepEqual(plugin.manifest.menu, [{ label: 'Real-time monitor', path: '', entitlement: 'calls.read' }]);
  });
});
