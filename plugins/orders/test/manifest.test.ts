import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readManifest } from '@switchboard/host';

describe('orders: the plugin manifest', () => {
  it('passes the host loader checks, with the lag times of the toll-free rules as its settings\' bounds', async () => {
    const plugin = await readManifest(fileURLToPath(new URL('../../', import.meta.url)));
    assert.equal(plugin.packageName, '@switchboard/plugin-orders');
    assert.equal(plugin.manifest.id, 'orders');
    assert.deepEqual(Object.keys(plugin.manifest.entitlements).sort(), ['administration.read', 'catalog.read', 'fulfilment.write', 'numbers.read', 'numbers.write', 'orders.read', 'orders.write']);
    assert.equal(plugin.manifest.server, './dist/src/server/index.js');
    assert.equal(plugin.manifest.web, './dist/src/web/index.js');
    // Each page's menu entry is shown to those holding what the page needs.
    assert.deepEqual(plugin.manifest.menu?.map((entry) => `${entry.path || '(main)'} ${entry.entitlement}`), [
      '(main) catalog.read',
      'order orders.write',
      'my-orders orders.read',
      'queue fulfilment.write',
      'users administration.read',
      'audit administration.read',
      'customers administration.read',
    ]);
    assert.equal(plugin.manifest.migrations, './dist/src/migrations');
    const settings = (plugin.manifest.config as { properties: Record<string, { minimum: number; maximum: number; default: number }> }).properties;
    // 47 CFR 52.103(b): reserved for at most 45 days, no extension.
    assert.deepEqual([settings.reservationDays!.maximum, settings.reservationDays!.default], [45, 45]);
    // 47 CFR 52.103(d): disconnected for at least 45 days and at most four months before spare.
    assert.deepEqual([settings.agingDays!.minimum, settings.agingDays!.maximum, settings.agingDays!.default], [45, 120, 45]);
  });
});
