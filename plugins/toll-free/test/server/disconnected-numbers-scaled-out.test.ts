import assert from 'node:assert/strict';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, type NumberAssigned, type NumberDisconnected } from '@switchboard/plugin-orders';
import type { Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { allTo } from '../support/plan-trees.js';
import { scaledOutWorld } from '../support/scaled-out-world.js';
import { describeWithService, type TestHost } from '../support/switchboard.js';
import { A } from '../support/world.js';

const ORDERED = '+18775550150';

/**
 * Scaled out, a disconnection is detached and audited once (a second delivery finds nothing left to
 * detach) and every host stops routing the number: two host processes on one PostgreSQL and one NATS.
 */
describeWithService('postgres', "toll-free: a disconnected number's plan, scaled out on PostgreSQL", () => {
  describeWithService('nats', 'and NATS JetStream, two host processes', () => {
    const world = scaledOutWorld('disconnected');

    const status = async (proxy: Caller, number: string) => (await proxy.post('/api/toll-free/route', { dialedNumber: number, callId: 'call-1' })).status;

    it('stops routing the number on both hosts and detaches it once', async () => {
      const [one] = world.hosts as [TestHost];
      await one.bus.publish<NumberAssigned>(NUMBER_ASSIGNED, { number: ORDERED, tenantId: 'acme' }, { id: `${NUMBER_ASSIGNED}:order-1:${ORDERED}` });
      const listed = async () => ((await world.admin.get('/api/toll-free/numbers')).body as { numbers: Array<{ number: string }> }).numbers.some(({ number }) => number === ORDERED);
      await eventually("traffic's registry to give acme the ordered number", listed);
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Two lines', numbers: [ORDERED, A], plan: allTo('dallas') });
      assert.equal(created.status, 201, created.text);
      const planId = created.body.plan.id as string;
      assert.equal((await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: created.body.plan.revision, version: 1 })).status, 200);
      for (const proxy of world.proxies) await eventually('both hosts to route the ordered number', async () => (await status(proxy, ORDERED)) === 200);

      await one.bus.publish<NumberDisconnected>(NUMBER_DISCONNECTED, { number: ORDERED, tenantId: 'acme' }, { id: `${NUMBER_DISCONNECTED}:order-2:${ORDERED}` });
      for (const [i, proxy] of world.proxies.entries()) await eventually(`host ${i + 1} to stop routing the disconnected number`, async () => (await status(proxy, ORDERED)) === 404);
      for (const proxy of world.proxies) assert.equal(await status(proxy, A), 200, "the plan's other number is still routed everywhere");
      const detached = await one.db.knex('host_audit').where({ plugin: 'toll-free', action: 'plan.number.detach' });
      assert.equal(detached.length, 1, 'detached and audited once');
    });
  });
});
