import assert from 'node:assert/strict';
import type { BusEvent } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, ORDER_CHANGED, type OrderChanged } from '../../src/index.js';
import { NumberInventory } from '../../src/numbers/inventory.js';
import { InventorySweeper } from '../../src/numbers/sweeper.js';
import type { Caller } from '../support/callers.js';
import { quiet } from '../support/inventory-store.js';
import { orderWorld, type OrderWorld } from '../support/order-world.js';
import { startOrdersHost } from '../support/orders-host.js';
import { forEachDatabase, until, type TestHost, type TestResponse } from '../support/switchboard.js';
import { TestClock } from '../support/test-clock.js';

const move = (caller: Caller, id: string, status: string, note?: string) => caller.post(`/api/orders/orders/${id}/status`, { status, ...(note ? { note } : {}) });

/** Accepted, then in provisioning, by the given staff; each step must succeed. */
async function startWork(caller: Caller, id: string): Promise<void> {
  for (const status of ['accepted', 'in_provisioning']) {
    const answer = await move(caller, id, status);
    assert.equal(answer.status, 200, `${status}: ${answer.text}`);
  }
}

const placed = (answer: TestResponse) => {
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { id: string; status: string; items: { reserved: string[]; disconnect: string[] }[] };
};

const numbersOf = async (caller: Caller, query = '') => ((await caller.get(`/api/orders/numbers${query}`)).body.numbers as { number: string; state: string }[]).map((n) => `${n.number} ${n.state}`);
const spare = async (caller: Caller) => (await caller.get('/api/orders/spare-numbers?limit=100')).body.numbers as string[];
const subscriptionsOf = (host: TestHost, tenantId: string) => host.identity.directory.getSubscriptions(OPERATOR, tenantId);

forEachDatabase((kind, open) => {
  describe(`orders: placing and fulfilling orders, through a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let w: OrderWorld;
    let threeNumbers: string;

    const eventsOf = (subject: string, match: (data: Record<string, unknown>) => boolean = () => true) =>
      w.events.filter((event: BusEvent) => event.subject === subject && match(event.data as Record<string, unknown>)).map((event) => event.data);

    before(async () => {
      ({ host, cleanup } = await startOrdersHost(open));
      w = await orderWorld(host);
    });
    after(async () => {
      await cleanup?.();
    });

    it('reserves the numbers of an order for the customer when it is placed', async () => {
      const order = placed(await w.acmeAdmin.post('/api/orders/orders', {
        items: [{ action: 'change', service: 'freephone:numbers', numbers: { quantity: 3, pattern: '800-555-01??' } }],
        note: 'For the spring campaign',
      }));
      threeNumbers = order.id;
      assert.equal(order.status, 'submitted');
      assert.deepEqual(order.items[0]!.reserved, ['+18005550100', '+18005550101', '+18005550102']);
      assert.deepEqual(await numbersOf(w.acmeAnalyst), ['+18005550100 reserved', '+18005550101 reserved', '+18005550102 reserved']);
      assert.deepEqual(await spare(w.acmeAnalyst), ['+18005550103', '+18445550150', '+18665550160', '+18883569377']);

      const seen = await w.acmeAnalyst.get(`/api/orders/orders/${order.id}`);
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.next, ['accepted', 'rejected', 'cancelled']);
      assert.equal(seen.body.note, 'For the spring campaign');
      assert.deepEqual(seen.body.steps.map((s: { status: string; by: { name: string } }) => `${s.status} by ${s.by.name}`), ['submitted by admin']);
      await until('the order event', () => eventsOf(ORDER_CHANGED, (d) => d.orderId === order.id).length === 1);
      assert.deepEqual(eventsOf(ORDER_CHANGED, (d) => d.orderId === order.id), [{ orderId: order.id, tenantId: 'acme', status: 'submitted' } satisfies OrderChanged]);
    });

    it('refuses an order it cannot fulfil, saying where and why, and reserves nothing for it', async () => {
      const before = await spare(w.acmeAnalyst);
      const bad = await w.acmeAdmin.post('/api/orders/orders', {
        items: [
          { action: 'add', service: 'telex:lines' },
          { action: 'add', service: 'centres:managed' },
          { action: 'change', service: 'freephone:numbers', numbers: { quantity: 1, pattern: '800-FLOWER' } },
        ],
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields, [
        { field: 'body.items[0].service', message: '"telex:lines" is not a service of an installed plugin' },
        { field: 'body.items[1].service', message: '"centres:managed" is arranged by your account team, not ordered' },
        { field: 'body.items[2].numbers.pattern', message: 'must stand for all 10 digits of a number (it stands for 9), such as 800-FLOWERS or 8??-555-01??; use * for any run of digits' },
      ]);

      const had = await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'freephone:numbers', numbers: { quantity: 1 } }] });
      assert.equal(had.status, 409);
      assert.equal(had.body.error.code, 'already_subscribed');

      const tooMany = await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { quantity: 3, pattern: '8??-FLOWERS' } }] });
      assert.equal(tooMany.status, 409);
      assert.equal(tooMany.body.error.code, 'not_enough_numbers');
      assert.match(tooMany.body.error.message, /^Only 1 spare numbers match the pattern; 3 were asked for/);

      // A number another customer holds answers like one that is not in the inventory at all.
      const taken = await w.globexAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'freephone:numbers', numbers: { pick: ['1-800-555-0100', '800-555-0199'] } }] });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'numbers_unavailable');
      assert.deepEqual(taken.body.error.fields, [
        { field: 'body.items[0].numbers.pick[0]', message: '+18005550100 is not a spare number' },
        { field: 'body.items[0].numbers.pick[1]', message: '+18005550199 is not a spare number' },
      ]);

      const notMine = await w.globexAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', removeNumbers: ['+18005550100'] }] });
      assert.equal(notMine.status, 409);
      assert.equal(notMine.body.error.code, 'not_subscribed');

      const analyst = await w.acmeAnalyst.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { quantity: 1 } }] });
      assert.equal(analyst.status, 403, 'an analyst does not hold orders.write');

      assert.deepEqual(await spare(w.acmeAnalyst), before);
      assert.deepEqual((await w.globexAdmin.get('/api/orders/orders')).body.orders, []);
    });

    it('answers another tenant\'s order exactly like one that does not exist', async () => {
      const others = await w.globexAdmin.get(`/api/orders/orders/${threeNumbers}`);
      const nowhere = await w.globexAdmin.get('/api/orders/orders/ord_00000000000000000000');
      assert.equal(others.status, 404);
      assert.deepEqual({ ...others.body.error, requestId: null }, { ...nowhere.body.error, requestId: null });
      assert.equal((await w.globexAdmin.post(`/api/orders/orders/${threeNumbers}/cancel`, {})).status, 404);
      assert.deepEqual(await numbersOf(w.globexAdmin), []);
    });

    it('walks the life cycle, refusing the steps it does not allow with the statuses it does', async () => {
      const early = await move(w.staff, threeNumbers, 'completed');
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'invalid_transition');
      assert.equal(early.body.error.status, 'submitted');
      assert.deepEqual(early.body.error.allowed, ['accepted', 'rejected', 'cancelled']);
      assert.equal(early.body.error.message, 'The order is submitted; it cannot become completed: it can go to accepted, rejected, cancelled.');

      // A customer's administrator holds fulfilment.write through `*:*`, but never works their own tenant's orders.
      const own = await move(w.acmeAdmin, threeNumbers, 'accepted');
      assert.equal(own.status, 403);
      assert.equal(own.body.error.code, 'own_order');
      const analyst = await move(w.carrierAnalyst, threeNumbers, 'accepted');
      assert.equal(analyst.status, 403, 'an analyst does not hold fulfilment.write');
      assert.equal(analyst.body.error.message, 'This needs the entitlement orders:fulfilment.write.');

      assert.equal((await move(w.staff, threeNumbers, 'accepted')).status, 200);
      const skip = await move(w.staff, threeNumbers, 'completed');
      assert.deepEqual([skip.status, skip.body.error.allowed], [409, ['in_provisioning', 'rejected']]);
      const late = await w.acmeAdmin.post(`/api/orders/orders/${threeNumbers}/cancel`, {});
      assert.deepEqual([late.status, late.body.error.allowed], [409, ['in_provisioning', 'rejected']], 'once accepted, the customer can no longer cancel');
      assert.equal((await move(w.staff, threeNumbers, 'in_provisioning')).status, 200);

      const done = await move(w.staff, threeNumbers, 'completed', 'Numbers live on the network');
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.status, 'completed');
      assert.deepEqual(done.body.next, []);
      assert.deepEqual(
        done.body.steps.map((s: { status: string; by: { subject: string; name: string }; at: string }) => `${s.status} by ${s.by.name}`),
        ['submitted by admin', 'accepted by fulfil', 'in_provisioning by fulfil', 'completed by fulfil'],
      );
      assert.ok(done.body.steps.every((s: { at: string }, i: number, all: { at: string }[]) => i === 0 || s.at >= all[i - 1]!.at), 'each step is timed, in order');
      assert.equal(done.body.steps[3].note, 'Numbers live on the network');

      assert.deepEqual(await numbersOf(w.acmeAnalyst), ['+18005550100 assigned', '+18005550101 assigned', '+18005550102 assigned']);
      const finished = await w.acmeAdmin.post(`/api/orders/orders/${threeNumbers}/cancel`, {});
      assert.deepEqual([finished.status, finished.body.error.code, finished.body.error.allowed], [409, 'invalid_transition', []]);
      assert.equal(finished.body.error.message, 'The order is completed; it cannot become cancelled: that is final.');

      await until('three number events', () => eventsOf(NUMBER_ASSIGNED).length === 3);
      assert.deepEqual(eventsOf(NUMBER_ASSIGNED), ['+18005550100', '+18005550101', '+18005550102'].map((number) => ({ number, tenantId: 'acme' })));
      await until('four order events', () => eventsOf(ORDER_CHANGED, (d) => d.orderId === threeNumbers).length === 4);
      assert.deepEqual(eventsOf(ORDER_CHANGED, (d) => d.orderId === threeNumbers).map((d) => (d as OrderChanged).status), ['submitted', 'accepted', 'in_provisioning', 'completed']);

      // Every step is in the audit trail of the customer's tenant, with who did it; so are the customer's refused attempts.
      const audit = (await host.db.knex('host_audit').where({ plugin: 'orders', tenant_id: 'acme', resource: threeNumbers }).orderBy('seq')) as { action: string; actor_name: string; outcome: number }[];
      assert.deepEqual(audit.map((row) => `${row.action} ${row.actor_name} ${row.outcome}`), [
        'order.submitted admin 200',
        'POST /api/orders/orders/:id/status admin 403',
        'order.accepted fulfil 200',
        'POST /api/orders/orders/:id/cancel admin 409',
        'order.in_provisioning fulfil 200',
        'order.completed fulfil 200',
        'POST /api/orders/orders/:id/cancel admin 409',
      ]);
    });

    it('changes the subscriptions on completion, as the staff member, or not at all', async () => {
      const order = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'centres:routing' }] }));
      await startWork(w.clerk, order.id);
      // The clerk may work the queue but not change a tenant's services: the directory refuses, nothing changes.
      const refused = await move(w.clerk, order.id, 'completed');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.message, 'This needs the entitlement host:tenants.write.');
      assert.equal((await w.acmeAnalyst.get(`/api/orders/orders/${order.id}`)).body.status, 'in_provisioning');
      assert.ok(!(await subscriptionsOf(host, 'acme')).includes('centres'));

      const done = await move(w.staff, order.id, 'completed');
      assert.equal(done.status, 200, done.text);
      assert.deepEqual(await subscriptionsOf(host, 'acme'), ['centres', 'freephone', 'host', 'orders']);
      const catalogue = await w.acmeAnalyst.get('/api/orders/catalog');
      assert.equal(catalogue.body.services.find((s: { service: string }) => s.service === 'centres:routing').subscribed, true);
      const change = (await host.db.knex('host_audit').where({ action: 'directory.subscriptions.set', tenant_id: 'acme' })) as { actor_subject: string; details: string }[];
      assert.equal(change.length, 1);
      assert.deepEqual(JSON.parse(change[0]!.details), { added: ['centres'], removed: [] });

      // And removing it takes the service away again.
      const removal = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'remove', service: 'centres:routing' }] }));
      await startWork(w.staff, removal.id);
      assert.equal((await move(w.staff, removal.id, 'completed')).status, 200);
      assert.deepEqual(await subscriptionsOf(host, 'acme'), ['freephone', 'host', 'orders']);
    });

    it('gives a cancelled or rejected order\'s numbers back, and disconnects the numbers an order removes', async () => {
      const cancelled = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { pick: ['888-356-9377'] } }] }));
      assert.deepEqual(await numbersOf(w.acmeAnalyst, '?state=reserved'), ['+18883569377 reserved']);
      const cancel = await w.acmeAdmin.post(`/api/orders/orders/${cancelled.id}/cancel`, { note: 'Changed our mind' });
      assert.equal(cancel.status, 200, cancel.text);
      assert.equal(cancel.body.status, 'cancelled');
      assert.ok((await spare(w.acmeAnalyst)).includes('+18883569377'));

      const rejected = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { pick: ['+18883569377'] } }] }));
      const noReason = await move(w.staff, rejected.id, 'rejected');
      assert.equal(noReason.status, 400);
      assert.deepEqual(noReason.body.error.fields, [{ field: 'body.note', message: 'is required to reject an order' }]);
      const reject = await move(w.staff, rejected.id, 'rejected', 'Vanity numbers need a signed contract');
      assert.equal(reject.body.status, 'rejected');
      assert.ok((await spare(w.acmeAnalyst)).includes('+18883569377'));

      const removal = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', removeNumbers: ['800-555-0102'] }] }));
      assert.deepEqual(removal.items[0]!.disconnect, ['+18005550102']);
      await startWork(w.staff, removal.id);
      assert.equal((await move(w.staff, removal.id, 'completed')).status, 200);
      assert.deepEqual(await numbersOf(w.acmeAnalyst), ['+18005550100 assigned', '+18005550101 assigned']);
      assert.ok(!(await spare(w.acmeAnalyst)).includes('+18005550102'), 'a disconnected number ages before anyone may have it');
      await until('the disconnection event', () => eventsOf(NUMBER_DISCONNECTED).length === 1);
      assert.deepEqual(eventsOf(NUMBER_DISCONNECTED), [{ number: '+18005550102', tenantId: 'acme' }]);

      const stillHeld = await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'remove', service: 'freephone:numbers' }] });
      assert.equal(stillHeld.status, 409);
      assert.equal(stillHeld.body.error.code, 'numbers_held');
    });

    it('refuses to complete an order whose reservation lapsed', async () => {
      const order = placed(await w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { pick: ['+18665550160'] } }] }));
      await startWork(w.staff, order.id);
      // The sweep, run 46 days on (another process with its clock ahead), returns the number to spare.
      const clock = new TestClock(new Date(Date.now() + 46 * 86_400_000));
      const sweeper = new InventorySweeper(new NumberInventory(createPluginStorage(host.db, 'orders'), clock), host.audit, quiet, 15);
      assert.deepEqual((await sweeper.runOnce()).expired.map((r) => r.number), ['+18665550160']);

      const late = await move(w.staff, order.id, 'completed');
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'reservation_expired');
      assert.deepEqual(late.body.error.fields, [{ field: 'numbers', message: '+18665550160 is no longer reserved for this order' }]);
      assert.equal((await w.acmeAnalyst.get(`/api/orders/orders/${order.id}`)).body.status, 'in_provisioning');
      assert.equal((await move(w.staff, order.id, 'rejected', 'The reservation lapsed; please order again')).status, 200);
    });

    it('keeps a reseller\'s staff to their own customers\' orders, and checks what the reseller offers', async () => {
      const initech = placed(await w.initechAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'freephone:numbers', numbers: { quantity: 1, pattern: '844*' } }] }));
      const fabrikam = placed(await w.fabrikamAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'freephone:numbers' }] }));

      const contosoQueue = await w.contosoAdmin.get('/api/orders/queue');
      assert.deepEqual(contosoQueue.body.orders.map((o: { id: string }) => o.id), [fabrikam.id]);
      const reach = await move(w.contosoAdmin, initech.id, 'accepted');
      assert.equal(reach.status, 404, 'another reseller\'s customer\'s order does not exist for contoso');
      assert.equal((await w.contosoAdmin.get(`/api/orders/orders/${initech.id}`)).status, 404);

      const northwindQueue = await w.northwindAdmin.get('/api/orders/queue');
      assert.deepEqual(northwindQueue.body.orders.map((o: { id: string }) => o.id), [initech.id]);
      await startWork(w.northwindAdmin, initech.id);
      assert.equal((await move(w.northwindAdmin, initech.id, 'completed')).status, 200);
      assert.deepEqual(await subscriptionsOf(host, 'initech'), ['freephone', 'host', 'orders']);
      assert.deepEqual(await numbersOf(w.initechAdmin), ['+18445550150 assigned']);

      // Northwind does not have centres, so it cannot pass it on: its staff are told when they accept.
      const beyond = placed(await w.initechAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'centres:routing' }] }));
      const accept = await move(w.northwindAdmin, beyond.id, 'accepted');
      assert.equal(accept.status, 422);
      assert.equal(accept.body.error.code, 'not_offered');
      assert.deepEqual(accept.body.error.fields, [{ field: 'items[0].service', message: 'centres:routing is not offered by northwind' }]);

      // The carrier's staff see every open order, oldest first; a customer's analyst has no queue.
      const carrierQueue = await w.staff.get('/api/orders/queue');
      assert.deepEqual(carrierQueue.body.orders.map((o: { id: string }) => o.id), [fabrikam.id, beyond.id]);
      assert.equal((await w.acmeAnalyst.get('/api/orders/queue')).status, 403);
    });

    it('lets one of two racing requests win: one number to one order, one completion per order', async () => {
      await w.staff.post('/api/orders/inventory', { numbers: ['+18335550170'] });
      const [acme, globex] = await Promise.all([
        w.acmeAdmin.post('/api/orders/orders', { items: [{ action: 'change', service: 'freephone:numbers', numbers: { pick: ['+18335550170'] } }] }),
        w.globexAdmin.post('/api/orders/orders', { items: [{ action: 'add', service: 'freephone:numbers', numbers: { pick: ['+18335550170'] } }] }),
      ]);
      assert.deepEqual([acme.status, globex.status].sort(), [201, 409]);
      const winner = acme.status === 201 ? acme.body : globex.body;
      assert.equal((acme.status === 409 ? acme : globex).body.error.code, 'numbers_unavailable');

      await startWork(w.staff, winner.id);
      const assignedBefore = eventsOf(NUMBER_ASSIGNED).length;
      const [one, two] = await Promise.all([move(w.staff, winner.id, 'completed'), move(w.staff, winner.id, 'completed')]);
      assert.deepEqual([one.status, two.status].sort(), [200, 409]);
      const loser = one.status === 409 ? one : two;
      assert.equal(loser.body.error.code, 'invalid_transition');
      assert.equal(loser.body.error.status, 'completed');
      const steps = (await w.staff.get(`/api/orders/orders/${winner.id}`)).body.steps as { status: string }[];
      assert.deepEqual(steps.map((step) => step.status), ['submitted', 'accepted', 'in_provisioning', 'completed']);
      await until('the assignment event', () => eventsOf(NUMBER_ASSIGNED).length === assignedBefore + 1);
    });

    it('lets a customer follow its orders, newest first, a page at a time', async () => {
      const first = await w.acmeAnalyst.get('/api/orders/orders?limit=2');
      assert.equal(first.status, 200);
      const second = await w.acmeAnalyst.get(`/api/orders/orders?limit=2&after=${encodeURIComponent(first.body.next)}`);
      const all = (await w.acmeAnalyst.get('/api/orders/orders?limit=200')).body.orders as { id: string; createdAt: string; tenantId: string }[];
      assert.deepEqual([...first.body.orders, ...second.body.orders].map((o: { id: string }) => o.id), all.slice(0, 4).map((o) => o.id));
      assert.ok(all.every((o, i) => o.tenantId === 'acme' && (i === 0 || o.createdAt <= all[i - 1]!.createdAt)));
      assert.equal(all[all.length - 1]!.id, threeNumbers);
      const completed = (await w.acmeAnalyst.get('/api/orders/orders?status=completed')).body.orders as { status: string }[];
      assert.ok(completed.length >= 3 && completed.every((o) => o.status === 'completed'));
    });
  });
});
