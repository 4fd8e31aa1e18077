import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { signedInUser, type Caller } from '../support/callers.js';
import { startOrdersHost } from '../support/orders-host.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';

interface Entry {
  service: string;
  orderable: boolean;
  subscribed: boolean;
  available: boolean;
  numbers: { reserved: number; assigned: number } | null;
}

/** The catalogue in one line per service: name, orderable, subscribed, available. */
const summary = (services: Entry[]) => services.map((s) => `${s.service} orderable=${s.orderable} subscribed=${s.subscribed} available=${s.available}`);

forEachDatabase((kind, open) => {
  describe(`orders: the service catalogue, through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let staff: Caller;
    let acmeAnalyst: Caller;
    let acmeRouting: Caller;
    let initechAdmin: Caller;

    before(async () => {
      ({ host, cleanup } = await startOrdersHost(open));
      await seedTenant(host, 'acme', { plugins: ['orders', 'freephone'] });
      await seedTenant(host, 'northwind', { kind: 'reseller', plugins: ['orders', 'freephone'] });
      await seedTenant(host, 'initech', { parentId: 'northwind', plugins: ['orders'] });
      staff = await signedInUser(host, await seedUser(host, 'carrier', 'ops@carrier.test', 'administrator'));
      acmeAnalyst = await signedInUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      const routing = await host.identity.directory.createRole(OPERATOR, { tenantId: 'acme', name: 'Routing', entitlements: ['freephone:routing.*'] });
      acmeRouting = await signedInUser(host, await seedUser(host, 'acme', 'route@acme.test', routing.id));
      initechAdmin = await signedInUser(host, await seedUser(host, 'initech', 'admin@initech.test', 'administrator'));
    });
    after(async () => {
      await cleanup?.();
    });

    it('lists the services of the installed plugins, and which of them a customer has', async () => {
      const answer = await acmeAnalyst.get('/api/orders/catalog');
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.tenantId, 'acme');
      // Plugins in load order (discovery sorts folders), each plugin's services as its manifest lists them;
      // the circuits plugin declares none and is not in the catalogue.
      assert.deepEqual(summary(answer.body.services), [
        'centres:routing orderable=true subscribed=false available=true',
        'centres:managed orderable=false subscribed=false available=true',
        'freephone:numbers orderable=true subscribed=true available=true',
      ]);
      const numbers = answer.body.services.find((s: Entry) => s.service === 'freephone:numbers');
      assert.equal(numbers.title, 'Toll-free numbers');
      assert.equal(numbers.quantities, 'numbers');
      assert.deepEqual(numbers.numbers, { reserved: 0, assigned: 0 });
      assert.equal(answer.body.services[0].numbers, null, 'a service that counts nothing has no count');
    });

    it('shows a subscription change on the next request', async () => {
      await host.identity.directory.setSubscriptions(OPERATOR, 'acme', ['orders', 'freephone', 'centres']);
      const answer = await acmeAnalyst.get('/api/orders/catalog');
      assert.deepEqual(answer.body.services.map((s: Entry) => s.subscribed), [true, true, true]);
      await host.identity.directory.setSubscriptions(OPERATOR, 'acme', ['orders', 'freephone']);
    });

    it("tells a reseller's customer what its reseller offers, and follows it as it changes", async () => {
      const answer = await initechAdmin.get('/api/orders/catalog');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(summary(answer.body.services), [
        'centres:routing orderable=true subscribed=false available=false',
        'centres:managed orderable=false subscribed=false available=false',
        'freephone:numbers orderable=true subscribed=false available=true',
      ]);
      await host.identity.directory.setSubscriptions(OPERATOR, 'northwind', ['orders', 'freephone', 'centres']);
      const after = await initechAdmin.get('/api/orders/catalog');
      assert.deepEqual(after.body.services.map((s: Entry) => s.available), [true, true, true]);
      // Still nothing else of the reseller: its tenant record is out of the customer's view.
      assert.equal((await initechAdmin.get('/api/host/tenants/northwind')).status, 404);
    });

    it('gives the carrier every service, and refuses a caller without catalog.read', async () => {
      const carrier = await staff.get('/api/orders/catalog');
      assert.deepEqual(carrier.body.services.map((s: Entry) => s.subscribed), [true, true, true]);
      const routing = await acmeRouting.get('/api/orders/catalog');
      assert.equal(routing.status, 403);
      assert.equal(routing.body.error.message, 'This needs the entitlement orders:catalog.read.');
    });
  });
});
