import assert from 'node:assert/strict';
import { signedInUser, type Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { split } from '../support/plan-trees.js';
import { forEachDatabase, seedTenant, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A } from '../support/world.js';

/** acme's simulated traffic, fast: 3,000 calls a minute at the peak (never under 300), ticks of 100 ms, calls of 5 s on average (the shortest the simulator takes). */
const simulator = {
  enabled: true,
  tickMilliseconds: 100,
  customers: [
    {
      tenantId: 'acme',
      callsPerMinute: 3000,
      numbers: [A],
      destinations: [
        { id: 'dallas', name: 'Dallas call center', agents: 2000, handleSeconds: 5, weight: 6 },
        { id: 'tampa', name: 'Tampa call center', agents: 2000, handleSeconds: 5, weight: 4 },
      ],
    },
  ],
};

interface Call {
  startedAt: string;
  destination: string;
  routingPlanId: string | null;
  routingPlanVersion: number | null;
}

forEachDatabase((kind, open) => {
  describe(`the traffic simulator following toll-free plans (${kind})`, () => {
    let database: TestDatabase;
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let admin: Caller;

    before(async () => {
      database = await open();
      ({ host, cleanup } = await startTollFreeHost(database, { traffic: { simulator } }));
      await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
      admin = await signedInUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));
    });
    after(async () => {
      await cleanup?.();
      await database?.cleanup();
    });

    const callsSince = async (since: string) => {
      const answer = await admin.get(`/api/traffic/calls?limit=1000&from=${encodeURIComponent(since)}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.calls as Call[];
    };

    it('sends the simulated calls where an activated plan says, and back where an emergency re-route says', async () => {
      const before = new Date().toISOString();
      await eventually('simulated calls on the default route, to both centers', async () => new Set((await callsSince(before)).map((c) => c.destination)).size === 2);

      const created = await admin.post('/api/toll-free/plans', { name: 'All to Dallas', numbers: [A], plan: split({ dallas: 100, tampa: 0 }) });
      assert.deepEqual(created.body.problems.map((p: { code: string; severity: string }) => [p.code, p.severity]), [['branch_never_taken', 'warning']]);
      const planId = created.body.plan.id as string;
      const activated = await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: 1, version: 1 });
      assert.equal(activated.status, 200, activated.text);
      // Calls that started once the plan was live: the simulator asks per call, as it places it.
      const live = new Date(Date.now() + 1).toISOString();
      await eventually('20 calls under the plan', async () => (await callsSince(live)).length >= 20, 60_000);
      const planned = await callsSince(live);
      assert.deepEqual(new Set(planned.map((c) => c.destination)), new Set(['dallas']), 'every call to Dallas');
      assert.ok(planned.every((c) => c.routingPlanId === planId && c.routingPlanVersion === 1), 'each CDR names the plan and version');

      const reroute = await admin.post('/api/toll-free/reroutes', { numbers: [A], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt: new Date(Date.now() + 600_000).toISOString() });
      assert.equal(reroute.status, 201, reroute.text);
      const rerouted = new Date(Date.now() + 1).toISOString();
      await eventually('20 calls re-routed', async () => (await callsSince(rerouted)).length >= 20, 60_000);
      assert.deepEqual(new Set((await callsSince(rerouted)).map((c) => c.destination)), new Set(['tampa']), 'every call to Tampa');

      await admin.delete(`/api/toll-free/reroutes/${reroute.body.id}`);
      const undone = new Date(Date.now() + 1).toISOString();
      await eventually('20 calls after the undo', async () => (await callsSince(undone)).length >= 20, 60_000);
      assert.deepEqual(new Set((await callsSince(undone)).map((c) => c.destination)), new Set(['dallas']), 'the plan again');
    });
  });
});
