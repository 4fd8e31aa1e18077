import assert from 'node:assert/strict';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, type NumberAssigned, type NumberDisconnected } from '@switchboard/plugin-orders';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';
import { PlanStore } from '../../src/server/plan-store.js';
import type { Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { allTo, split } from '../support/plan-trees.js';
import { forEachDatabase, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A, seedWorld, type World } from '../support/world.js';

/** Two toll-free numbers acme got by orders (traffic's registry has them, the settings do not). */
const LEAVING = '+18775550142';
const STAYING = '+18775550143';
/** Another ordered number, on a plan of its own: its disconnection, applied, shows the consumer has passed the events before it. */
const LAST = '+18775550144';
const ORDER = '5b0c3f1e-7d1a-4a39-9f3e-2c4d6e8f0a11';
/** Two more ordered numbers, without a plan, re-routed together in an emergency. */
const REROUTED = ['+18775550145', '+18775550146'] as const;

interface AuditRow {
  actor_kind: string;
  actor_subject: string;
  action: string;
  resource: string;
  details: string;
}

/**
 * A number an order disconnects stops being routed by its customer's plan: taken off the plan (all
 * its versions, the active and the scheduled one), audited as the system's act for the order, and
 * the routing rebuilt, so the network's query for it is a 404 while the plan's other numbers still
 * route. The events are published as the orders plugin publishes them, on the host's real bus.
 */
forEachDatabase((kind, open) => {
  describe(`toll-free: a disconnected number's plan (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let world: World;
    let planId: string;

    const route = (number: string, caller: Caller = world.proxy) => caller.post('/api/toll-free/route', { dialedNumber: number, callingNumber: '+12145550111', callId: `call-${number}` });
    const listed = async () => ((await world.admin.get('/api/toll-free/numbers')).body as { numbers: Array<{ number: string }> }).numbers.map(({ number }) => number);
    /** Publishes what the orders plugin publishes when an order completes, with its deduplication id. */
    const orderEvent = <T extends NumberAssigned | NumberDisconnected>(subject: string, data: T, order = ORDER) => host.bus.publish<T>(subject, data, { id: `${subject}:${order}:${data.number}` });

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database));
      world = await seedWorld(host);
      for (const number of [LEAVING, STAYING, LAST]) await orderEvent<NumberAssigned>(NUMBER_ASSIGNED, { number, tenantId: 'acme' });
      await eventually("traffic's registry to give acme the ordered numbers", async () => (await listed()).includes(LAST) && (await listed()).includes(STAYING) && (await listed()).includes(LEAVING));

      // A plan for both ordered numbers and one of the settings', active, with a next version scheduled.
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Sales lines', numbers: [LEAVING, STAYING, A], plan: allTo('dallas') });
      assert.equal(created.status, 201, created.text);
      planId = created.body.plan.id as string;
      const activated = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: created.body.plan.revision, version: 1 });
      assert.equal(activated.status, 200, activated.text);
      const draft = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: activated.body.plan.revision, plan: split({ dallas: 50, tampa: 50 }) });
      assert.equal(draft.status, 200, draft.text);
      const scheduled = await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: draft.body.plan.revision, version: 2, effectiveAt: '2099-01-05T08:00', timeZone: 'America/Chicago' });
      assert.equal(scheduled.status, 200, scheduled.text);
      const own = await world.admin.post('/api/toll-free/plans', { name: 'Last line', numbers: [LAST], plan: allTo('tampa') });
      assert.equal((await world.admin.post(`/api/toll-free/plans/${own.body.plan.id}/activate`, { revision: own.body.plan.revision, version: 1 })).status, 200);
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    it('routes the ordered numbers by the plan before the disconnection', async () => {
      for (const number of [LEAVING, STAYING, A]) {
        const answer = await route(number);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.plan, { id: planId, version: 1 });
      }
    });

    it('answers 404 no_route for the disconnected number while the plan still routes its others', async () => {
      const before = (await world.admin.get(`/api/toll-free/plans/${planId}`)).body.plan as { revision: number };
      await orderEvent<NumberDisconnected>(NUMBER_DISCONNECTED, { number: LEAVING, tenantId: 'acme' });
      await eventually('the disconnected number to stop being routed', async () => (await route(LEAVING)).status === 404);
      const refused = await route(LEAVING);
      assert.equal(refused.body.error.code, 'no_route');

      for (const number of [STAYING, A]) {
        const answer = await route(number);
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.plan, { id: planId, version: 1 }, `${number} is still routed by the plan`);
      }
      const rtjson = await world.proxy.post('/api/toll-free/route?format=rtjson', { dialedNumber: LEAVING, callId: 'rtjson-1' });
      assert.equal(rtjson.status, 404, 'the proxy asking for rtjson is refused alike');

      const plan = (await world.admin.get(`/api/toll-free/plans/${planId}`)).body as { plan: { numbers: string[]; revision: number }; versions: Array<{ version: number; state: string }> };
      assert.deepEqual(plan.plan.numbers, [A, STAYING], 'the plan keeps its other numbers');
      assert.equal(plan.plan.revision, before.revision + 1, 'the detachment is a change to the plan');
      assert.deepEqual(plan.versions.map(({ version, state }) => `${version} ${state}`), ['2 scheduled', '1 active'], 'the versions stay as they were: the plan routes its numbers, all versions at once');
      assert.ok(!(await listed()).includes(LEAVING), "the number is no longer acme's");
    });

    it('refuses an edit based on a read from before the detachment', async () => {
      const plan = (await world.admin.get(`/api/toll-free/plans/${planId}`)).body.plan as { revision: number };
      const stale = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: plan.revision - 1, plan: allTo('tampa') });
      assert.equal(stale.status, 409, stale.text);
      assert.equal(stale.body.error.code, 'stale_revision');
    });

    it('audits the detachment in the customer\'s tenant as the system acting for the order', async () => {
      const rows = (await host.db.knex('host_audit').where({ plugin: 'toll-free', tenant_id: 'acme', action: 'plan.number.detach' })) as AuditRow[];
      assert.equal(rows.length, 1);
      const [row] = rows as [AuditRow];
      assert.equal(row.actor_kind, 'system');
      assert.equal(row.actor_subject, 'toll-free-disconnections');
      assert.equal(row.resource, planId);
      assert.deepEqual(JSON.parse(row.details), {
        number: LEAVING,
        orderId: ORDER,
        eventId: `${NUMBER_DISCONNECTED}:${ORDER}:${LEAVING}`,
        activeVersion: 1,
        scheduledVersions: [2],
        numbersLeft: [A, STAYING],
      });
    });

    it("leaves routing alone for a stale disconnection naming another customer, and for a number the settings give the customer", async () => {
      await host.bus.publish<NumberDisconnected>(NUMBER_DISCONNECTED, { number: STAYING, tenantId: 'globex' }, { id: 'stale-1' });
      await host.bus.publish<NumberDisconnected>(NUMBER_DISCONNECTED, { number: A, tenantId: 'acme' }, { id: 'settings-1' });
      // A later disconnection that does apply proves the consumer has passed both.
      await host.bus.publish<NumberDisconnected>(NUMBER_DISCONNECTED, { number: LEAVING, tenantId: 'acme' }, { id: 'again-1' });
      await orderEvent<NumberDisconnected>(NUMBER_DISCONNECTED, { number: LAST, tenantId: 'acme' }, 'another-order');
      await eventually('the consumer to pass the events before the last one', async () => (await route(LAST)).status === 404);
      for (const number of [STAYING, A]) assert.equal((await route(number)).status, 200, `${number} is still routed`);
      const plan = (await world.admin.get(`/api/toll-free/plans/${planId}`)).body.plan as { numbers: string[] };
      assert.deepEqual(plan.numbers, [A, STAYING]);
      const detached = (await host.db.knex('host_audit').where({ action: 'plan.number.detach' }).orderBy('seq')) as AuditRow[];
      assert.deepEqual(detached.map((row) => (JSON.parse(row.details) as { number: string }).number), [LEAVING, LAST], 'nothing else was detached');
    });

    it('takes a disconnected number off the emergency re-route in force, which ends with its last number', async () => {
      const [first, second] = REROUTED;
      for (const number of REROUTED) await orderEvent<NumberAssigned>(NUMBER_ASSIGNED, { number, tenantId: 'acme' }, 'reroute-order');
      await eventually("traffic's registry to give acme the re-routed numbers", async () => {
        const numbers = await listed();
        return REROUTED.every((number) => numbers.includes(number));
      });
      const reroute = await world.admin.post('/api/toll-free/reroutes', { numbers: [...REROUTED], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt: new Date(Date.now() + 600_000).toISOString() });
      assert.equal(reroute.status, 201, reroute.text);
      for (const number of REROUTED) assert.equal((await route(number)).status, 200, `${number} is re-routed`);
      const inForce = async () => ((await world.admin.get('/api/toll-free/reroutes')).body as { reroutes: Array<{ id: string; numbers: string[] }> }).reroutes.filter(({ id }) => id === reroute.body.id);

      await orderEvent<NumberDisconnected>(NUMBER_DISCONNECTED, { number: first, tenantId: 'acme' }, 'reroute-order');
      await eventually('the first disconnected number to stop being routed', async () => (await route(first)).status === 404);
      assert.equal((await route(second)).status, 200, 'the re-route still sends its other number');
      assert.deepEqual((await inForce()).map(({ numbers }) => numbers), [[second]], 'the re-route keeps its other number');

      await orderEvent<NumberDisconnected>(NUMBER_DISCONNECTED, { number: second, tenantId: 'acme' }, 'reroute-order');
      await eventually('the second disconnected number to stop being routed', async () => (await route(second)).status === 404);
      assert.deepEqual(await inForce(), [], 'the re-route ended with its last number');
      const audited = (await host.db.knex('host_audit').where({ plugin: 'toll-free', resource: reroute.body.id }).orderBy('seq')) as AuditRow[];
      assert.deepEqual(audited.map((row) => `${row.action} by ${row.actor_subject}`).slice(1), ['reroute.number.release by toll-free-disconnections', 'reroute.end by toll-free-disconnections']);
    });

    it('keeps a plan made for the number after it was disconnected and given to the customer again', async () => {
      const disconnectedAt = new Date().toISOString();
      await orderEvent<NumberAssigned>(NUMBER_ASSIGNED, { number: LEAVING, tenantId: 'acme' }, 'a-later-order');
      await eventually("the number to be acme's again", async () => (await listed()).includes(LEAVING));
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Back again', numbers: [LEAVING], plan: allTo('tampa') });
      assert.equal(created.status, 201, created.text);
      const activated = await world.admin.post(`/api/toll-free/plans/${created.body.plan.id}/activate`, { revision: created.body.plan.revision, version: 1 });
      assert.equal(activated.status, 200, activated.text);

      // The old disconnection applied late (a consumer catching up on the stream): it was published before this plan was made.
      const plans = new PlanStore(createPluginStorage(host.db, 'toll-free'), { now: () => new Date() });
      assert.equal(await plans.detachNumber({ number: LEAVING, tenantId: 'acme', notAfter: disconnectedAt }), null);
      const answer = await route(LEAVING);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.plan, { id: created.body.plan.id, version: 1 }, 'the new plan routes the number');
    });
  });
});
