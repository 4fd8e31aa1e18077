import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { PluginLoadError, readManifest } from '@switchboard/host';

const fixture = (path: string) => fileURLToPath(new URL(`../../../test/fixtures/${path}`, import.meta.url));

describe('orders: services in plugin manifests', () => {
  it('reads the services a plugin declares, each with its quantity when it counts something', async () => {
    const freephone = await readManifest(fixture('plugins/freephone'));
    assert.deepEqual(freephone.manifest.services, [
      { id: 'numbers', title: 'Toll-free numbers', description: "Toll-free numbers from the carrier's inventory, routed where you choose", orderable: true, quantities: 'numbers' },
    ]);
    const circuits = await readManifest(fixture('plugins/circuits'));
    assert.equal(circuits.manifest.services, undefined, 'services are optional');
  });

  it('names every bad service: an id used twice, a missing field, a quantity nobody can fulfil', async () => {
    const error = await readManifest(fixture('plugin-sets/bad-services/twice')).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof PluginLoadError);
    assert.deepEqual([...error.problems].sort(), [
      'switchboard.services.2.orderable: is required',
      'switchboard.services.3.quantities: must be one of: "numbers"',
      'switchboard.services: two services have the id "lines"; each needs its own',
    ]);
  });
});
