import assert from 'node:assert/strict';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { signedInUser } from '../support/callers.js';
import { orderWorld, type OrderWorld } from '../support/order-world.js';
import { startOrdersHost } from '../support/orders-host.js';
import { forEachDatabase, seedUser, until, type TestHost } from '../support/switchboard.js';

interface Notification {
  id: string;
  at: string;
  title: string;
  detail?: string;
  path?: string;
}

/**
 * The changes of a customer's orders as the shell notifies them (the web contract's notification
 * routes): the list, in the reader's terms, and the live stream that says when to read it again,
 * each for the caller's own tenants only.
 */
forEachDatabase((kind, open) => {
  describe(`orders: notifications of order changes, through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let w: OrderWorld;

    before(async () => {
      ({ host, cleanup } = await startOrdersHost(open));
      w = await orderWorld(host);
    });
    after(async () => {
      await cleanup?.();
    });

    const list = async (caller: OrderWorld['acmeAdmin'], query = '') => {
      const answer = await caller.get(`/api/orders/notifications${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.items as Notification[];
    };

    it("streams each change of the customer's own orders as it commits, and lists them newest first with who and why", async () => {
      const acme = w.acmeAdmin.stream('/api/orders/notifications/live');
      const globex = w.globexAdmin.stream('/api/orders/notifications/live');
      try {
        assert.equal((await acme.opened).status, 200);
        assert.equal((await globex.opened).status, 200);
        const placed = await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { quantity: 1 } }], note: 'One more line' });
        assert.equal(placed.status, 201, placed.text);
        const id = placed.body.id as string;
        const rejected = await w.staff.post(`/api/orders/orders/${id}/status`, { status: 'rejected', note: 'Out of stock in that range' });
        assert.equal(rejected.status, 200, rejected.text);

        await until('two order events for acme', () => acme.events.length >= 2);
        assert.deepEqual(acme.events.map((e) => [e.event, e.data]), [
          ['changed', { orderId: id, status: 'submitted' }],
          ['changed', { orderId: id, status: 'rejected' }],
        ]);

        const short = `${id.slice(0, 10)}…`;
        const items = await list(w.acmeAnalyst);
        assert.deepEqual(items.slice(0, 2).map(({ title, detail, path }) => ({ title, detail, path })), [
          { title: `Your order ${short} was rejected`, detail: 'by fulfil “Out of stock in that range”', path: `orders/my-orders/${id}` },
          { title: `Your order ${short} was placed`, detail: 'by admin “One more line”', path: `orders/my-orders/${id}` },
        ]);
        assert.ok(Number(items[0]!.id) > Number(items[1]!.id) && items[0]!.at >= items[1]!.at, 'newest first');
        // Staff read of the customer's step in their terms, and are sent to the queue; their own step is no news to them.
        const staffSide = await list(w.staff);
        assert.deepEqual(staffSide.filter((n) => n.title.includes(short)).map(({ title, path }) => ({ title, path })), [{ title: `Order ${short} of acme was placed`, path: 'orders/queue' }]);
        // Nor is the customer's own placing to the customer who placed it.
        assert.deepEqual((await list(w.acmeAdmin)).filter((n) => n.title.includes(short)).map((n) => n.title), [`Your order ${short} was rejected`]);

        // Another customer hears nothing of it and lists nothing of it.
        const globexOrder = await w.globexAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'centres:routing' }] });
        assert.equal(globexOrder.status, 201, globexOrder.text);
        await until("globex's own event", () => globex.events.length >= 1);
        assert.deepEqual(globex.events.map((e) => e.data), [{ orderId: globexOrder.body.id, status: 'submitted' }]);
        const globexItems = await list(w.globexAdmin);
        assert.ok(!globexItems.some((n) => n.path?.includes(id)), "never another customer's order");
        assert.ok(!(await list(w.acmeAdmin)).some((n) => n.path?.includes(globexOrder.body.id)), "never another customer's order");
      } finally {
        acme.close();
        globex.close();
      }
    });

    it("tells the carrier's staff of their customers' orders, and refuses bad paging and callers without orders.read", async () => {
      const staffItems = await list(w.staff);
      assert.ok(staffItems.some((n) => / of acme /.test(n.title)) && staffItems.some((n) => / of globex /.test(n.title)), 'staff hear of every customer below them');
      assert.ok(staffItems.length <= 20, 'twenty by default');
      assert.equal((await list(w.staff, '?limit=1')).length, 1);

      const bad = await w.acmeAdmin.get('/api/orders/notifications?limit=1000&after=3');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field).sort(), ['query.after', 'query.limit']);

      const role = await host.identity.directory.createRole(OPERATOR, { tenantId: 'acme', name: 'Catalogue only', entitlements: ['orders:catalog.read'] });
      const reader = await signedInUser(host, await seedUser(host, 'acme', 'cat@acme.test', role.id));
      assert.equal((await reader.get('/api/orders/notifications')).status, 403);
      const stream = reader.stream('/api/orders/notifications/live');
      try {
        assert.equal((await stream.opened).status, 403);
      } finally {
        stream.close();
      }
    });
  });
});
