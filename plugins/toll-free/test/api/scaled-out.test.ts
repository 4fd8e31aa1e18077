import assert from 'node:assert/strict';
import type { Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { allTo, split } from '../support/plan-trees.js';
import { scaledOutWorld } from '../support/scaled-out-world.js';
import { describeWithService } from '../support/switchboard.js';
import { A } from '../support/world.js';

describeWithService('postgres', 'toll-free scaled out on PostgreSQL', () => {
  describeWithService('nats', 'and NATS JetStream, two host processes', () => {
    const world = scaledOutWorld('scaled');

    const versionOn = async (proxy: Caller) => {
      const answer = await proxy.post('/api/toll-free/route', { dialedNumber: A, callId: 'call-1' });
      return answer.status === 200 ? (answer.body.plan?.version as number | undefined) ?? 'reroute' : answer.status;
    };

    it('swaps the routing on the other host process when a plan is activated, re-routed or rolled back on one', async () => {
      const created = await world.admin.post('/api/toll-free/plans', { name: 'Main line', numbers: [A], plan: allTo('dallas') });
      const planId = created.body.plan.id as string;
      assert.equal((await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: 1, version: 1 })).status, 200);
      assert.equal(await versionOn(world.proxies[0]!), 1, 'the host that activated answers at once');
      await eventually('host two to route by version 1', async () => (await versionOn(world.proxies[1]!)) === 1);

      const draft = await world.admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: 2, plan: split({ dallas: 50, tampa: 50 }) });
      await world.admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: draft.body.plan.revision, version: 2 });
      await eventually('host two to route by version 2', async () => (await versionOn(world.proxies[1]!)) === 2);

      const reroute = await world.admin.post('/api/toll-free/reroutes', { numbers: [A], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt: new Date(Date.now() + 600_000).toISOString() });
      assert.equal(reroute.status, 201, reroute.text);
      await eventually('host two to take the re-route', async () => (await versionOn(world.proxies[1]!)) === 'reroute');
      await world.admin.delete(`/api/toll-free/reroutes/${reroute.body.id}`);
      await eventually('host two to drop the re-route', async () => (await versionOn(world.proxies[1]!)) === 2);

      const plan = await world.admin.get(`/api/toll-free/plans/${planId}`);
      await world.admin.post(`/api/toll-free/plans/${planId}/rollback`, { revision: plan.body.plan.revision, toVersion: 1 });
      await eventually('host two to route by version 3', async () => (await versionOn(world.proxies[1]!)) === 3);
      const answer = await world.proxies[1]!.post('/api/toll-free/route', { dialedNumber: A, callId: 'call-1' });
      assert.deepEqual(answer.body.destination, { type: 'call-center', callCenterId: 'dallas' }, 'version 1 again, everywhere');
    });
  });
});
