import assert from 'node:assert/strict';
import { Tokens } from '@switchboard/sdk';
import type { CallRouteQuery, TrafficContract } from '../../src/index.js';
import type { SimulatorView } from '../../src/simulator/simulator-control.js';
import { forEachDatabase, seedTenant, seedUser, type TestHost } from '../support/switchboard.js';
import { startTrafficHost } from '../support/traffic-host.js';
import { storedCalls } from '../support/traffic-store.js';
import { eventually, steeringUser, type SteeringUser } from './steering.js';

/** Two demo-like customers at a rate high enough to see calls within a second even at night. */
const simulatorSettings = {
  simulator: {
    enabled: true,
    tickMilliseconds: 100,
    customers: [
      {
        tenantId: 'acme',
        callsPerMinute: 3000,
        numbers: ['+18005550100', '+18005550101'],
        destinations: [
          { id: 'dallas', name: 'Dallas call center', agents: 2000, handleSeconds: 5, weight: 6 },
          { id: 'tampa', name: 'Tampa call center', agents: 2000, handleSeconds: 5, weight: 4 },
        ],
      },
      { tenantId: 'globex', timeZone: 'America/Phoenix', callsPerMinute: 3000, numbers: ['+18885550123'], destinations: [{ id: 'phoenix', agents: 2000, handleSeconds: 5 }] },
    ],
  },
};

forEachDatabase((kind, open) => {
  describe(`simulator: in a real host (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;
    let acmeAdmin: SteeringUser;
    let acmeAnalyst: SteeringUser;
    let globexAdmin: SteeringUser;

    const numbers = async () => Object.fromEntries(((await host.db.knex('traffic_numbers').select('number', 'tenant_id')) as { number: string; tenant_id: string }[]).map((r) => [r.number, r.tenant_id]));
    const callsOf = async (user: SteeringUser, query = '') => {
      const answer = await user.get(`/api/traffic/calls?limit=1000${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.calls as { tenantId: string; dialedNumber: string; disposition: string; releaseCause: number; destination: string; routingPlanId: string | null; routingPlanVersion: number | null; startedAt: string }[];
    };

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open, simulatorSettings));
    });
    after(async () => {
      await cleanup?.();
    });

    it('assigns the numbers once the tenants exist (they are made after the host started), never a number another tenant owns', async () => {
      assert.deepEqual(await numbers(), {}, 'no tenants yet, no numbers');
      await seedTenant(host, 'initech', { plugins: ['traffic'] });
      await host.db.knex('traffic_numbers').insert({ number: '+18005550101', tenant_id: 'initech', created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await eventually('acme to own its simulated number', async () => (await numbers())['+18005550100'] === 'acme');
      await seedTenant(host, 'globex', { plugins: ['traffic'] });
      await eventually('globex to own its simulated number', async () => (await numbers())['+18885550123'] === 'globex');
      assert.deepEqual(await numbers(), { '+18005550100': 'acme', '+18005550101': 'initech', '+18885550123': 'globex' });
    });

    it("shows each customer's simulated calls in its own calls and summary, and not in another's", async () => {
      acmeAdmin = await steeringUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));
      acmeAnalyst = await steeringUser(host, await seedUser(host, 'acme', 'ana@acme.test', 'analyst'));
      globexAdmin = await steeringUser(host, await seedUser(host, 'globex', 'gus@globex.test', 'administrator'));
      const initechAdmin = await steeringUser(host, await seedUser(host, 'initech', 'ian@initech.test', 'administrator'));

      await eventually('simulated calls for acme', async () => (await callsOf(acmeAnalyst)).length >= 5);
      await eventually('simulated calls for globex', async () => (await callsOf(globexAdmin)).length >= 5);
      const acme = await callsOf(acmeAnalyst);
      assert.ok(acme.every((call) => call.tenantId === 'acme' && call.dialedNumber === '+18005550100'), 'only acme calls, never to the number initech owns');
      assert.ok(acme.every((call) => ['dallas', 'tampa'].includes(call.destination)));
      assert.ok((await callsOf(globexAdmin)).every((call) => call.tenantId === 'globex' && call.destination === 'phoenix'));
      assert.deepEqual(await callsOf(initechAdmin), [], 'initech has the number, and no simulated calls');

      // The summaries count from the rollups, which grow as calls keep coming: at least what was listed before.
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const attempts = async (user: SteeringUser, query = '') => {
        const summary = await user.get(`/api/traffic/summary?from=${from}&granularity=minute${query}`);
        assert.equal(summary.status, 200, summary.text);
        return summary.body.total.attempts as number;
      };
      assert.ok((await attempts(acmeAnalyst)) >= acme.length);
      assert.ok((await attempts(globexAdmin)) >= 5);
      assert.equal(await attempts(acmeAnalyst, '&dialedNumber=%2B18885550123'), 0, "globex's number is not in acme's summary");
      assert.equal(await attempts(initechAdmin), 0);
      const stored = await storedCalls(host.db);
      assert.deepEqual(new Set(stored.map((call) => call.tenantId)), new Set(['acme', 'globex']));
      assert.ok(stored.every((call) => call.source === 'simulator'));
    });

    it('lets a customer see and steer its own simulated traffic, and nobody else\'s', async () => {
      const answer = await acmeAdmin.get('/api/traffic/simulator');
      assert.equal(answer.status, 200, answer.text);
      const view = answer.body as SimulatorView;
      assert.equal(view.running, true);
      assert.equal(view.tickMilliseconds, 100);
      assert.deepEqual(view.customers.map((c) => c.tenantId), ['acme'], 'the tenants of the caller only');
      const [customer] = view.customers;
      assert.equal(customer!.callsPerMinute, 3000);
      assert.ok(customer!.profileFactor >= 0.1 && customer!.profileFactor <= 1);
      assert.deepEqual(customer!.destinations.map((d) => [d.id, d.name, d.callCenter, d.agents, d.handleSeconds, d.up]), [
        ['dallas', 'Dallas call center', true, 2000, 5, true],
        ['tampa', 'Tampa call center', true, 2000, 5, true],
      ]);
      assert.ok(customer!.destinations.every((d) => Number.isInteger(d.busyAgents) && d.busyAgents >= 0));

      // Take Dallas down: its calls fail with 38 within a tick or two.
      const down = await acmeAdmin.patch('/api/traffic/simulator/destinations/dallas', { up: false });
      assert.equal(down.status, 200, down.text);
      assert.equal(down.body.up, false);
      assert.equal(down.body.tenantId, 'acme');
      const downAt = new Date().toISOString();
      await eventually('failed calls at Dallas', async () => (await callsOf(acmeAnalyst)).some((c) => c.destination === 'dallas' && c.disposition === 'failed' && c.releaseCause === 38 && c.startedAt >= downAt));
      assert.ok((await callsOf(acmeAnalyst)).every((c) => c.destination !== 'tampa' || c.disposition !== 'failed'), 'Tampa still answers');
      assert.equal((await acmeAdmin.patch('/api/traffic/simulator/destinations/dallas', { up: true, agents: 10 })).body.agents, 10);

      const rate = await acmeAdmin.patch('/api/traffic/simulator/customers/acme', { callsPerMinute: 0 });
      assert.equal(rate.status, 200, rate.text);
      assert.equal(rate.body.callsPerMinute, 0);
      assert.equal((await acmeAdmin.get('/api/traffic/simulator')).body.customers[0].callsPerMinute, 0);

      const audited = (await host.db.knex('host_audit').where({ plugin: 'traffic' }).select('action', 'resource', 'tenant_id')) as { action: string; resource: string }[];
      assert.deepEqual(
        audited.filter((a) => a.action.startsWith('PATCH')).map((a) => `${a.action} ${a.resource}`),
        ['PATCH /api/traffic/simulator/destinations/:destinationId dallas', 'PATCH /api/traffic/simulator/destinations/:destinationId dallas', 'PATCH /api/traffic/simulator/customers/:tenantId acme'],
      );

      // Another tenant's destination or customer is answered like one that does not exist.
      for (const [path, body] of [
        ['/api/traffic/simulator/destinations/phoenix', { up: false }],
        ['/api/traffic/simulator/destinations/nowhere', { up: false }],
        ['/api/traffic/simulator/customers/globex', { callsPerMinute: 1 }],
        ['/api/traffic/simulator/customers/nobody', { callsPerMinute: 1 }],
      ] as const) {
        const refused = await acmeAdmin.patch(path, body);
        assert.equal(refused.status, 404, `${path}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'not_found');
      }
      assert.equal((await globexAdmin.get('/api/traffic/simulator')).body.customers[0].destinations[0].up, true, 'Phoenix untouched');

      // Without simulator.write (an analyst reads), nothing.
      assert.equal((await acmeAnalyst.get('/api/traffic/simulator')).status, 403);
      assert.equal((await acmeAnalyst.patch('/api/traffic/simulator/destinations/dallas', { up: false })).status, 403);

      // Bad bodies say what is wrong and change nothing.
      for (const [path, body, field] of [
        ['/api/traffic/simulator/destinations/tampa', { up: 'no' }, 'body.up'],
        ['/api/traffic/simulator/destinations/tampa', { agents: -1 }, 'body.agents'],
        ['/api/traffic/simulator/destinations/tampa', { agents: 2.5 }, 'body.agents'],
        ['/api/traffic/simulator/destinations/tampa', { speed: 3 }, 'body'],
        ['/api/traffic/simulator/destinations/tampa', {}, 'body'],
        ['/api/traffic/simulator/customers/acme', { callsPerMinute: -5 }, 'body.callsPerMinute'],
        ['/api/traffic/simulator/customers/acme', {}, 'body'],
      ] as const) {
        const bad = await acmeAdmin.patch(path, body);
        assert.equal(bad.status, 400, `${JSON.stringify(body)}: ${bad.text}`);
        assert.equal(bad.body.error.code, 'invalid_request');
        assert.ok(bad.body.error.fields.some((f: { field: string }) => f.field.startsWith(field)), JSON.stringify(bad.body.error.fields));
      }
      const after = (await acmeAdmin.get('/api/traffic/simulator')).body.customers[0];
      assert.deepEqual([after.callsPerMinute, after.destinations[1].up, after.destinations[1].agents], [0, true, 2000]);
    });

    it('routes calls as a router registered through the traffic contract says', async () => {
      const traffic = host.container.resolve<TrafficContract>(Tokens.contract('traffic'));
      const asked: CallRouteQuery[] = [];
      traffic.useCallRouter({
        route: async (query) => {
          asked.push(query);
          return query.tenantId === 'globex' ? { action: { kind: 'block' }, plan: { id: 'globex-aos', version: 2 } } : null;
        },
      });
      const since = new Date().toISOString();
      await eventually('globex calls blocked by its plan', async () => (await callsOf(globexAdmin)).some((c) => c.startedAt >= since && c.disposition === 'blocked'));
      const blocked = (await callsOf(globexAdmin)).filter((c) => c.startedAt >= since && c.disposition === 'blocked');
      assert.ok(blocked.every((c) => c.routingPlanId === 'globex-aos' && c.routingPlanVersion === 2 && c.releaseCause === 21));
      assert.ok(asked.every((q) => q.tenantId === 'globex'), 'acme is at rate 0: no calls to ask about');
    });
  });

  describe(`simulator: switched off (${kind})`, () => {
    let host: TestHost;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ host, cleanup } = await startTrafficHost(open));
    });
    after(async () => {
      await cleanup?.();
    });

    it('answers every control route with 404 simulator_off, and sends no calls', async () => {
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      const admin = await steeringUser(host, await seedUser(host, 'acme', 'admin@acme.test', 'administrator'));
      for (const answer of [
        await admin.get('/api/traffic/simulator'),
        await admin.patch('/api/traffic/simulator/destinations/dallas', { up: false }),
        await admin.patch('/api/traffic/simulator/customers/acme', { callsPerMinute: 5 }),
      ]) {
        assert.equal(answer.status, 404, answer.text);
        assert.equal(answer.body.error.code, 'simulator_off');
        assert.match(answer.body.error.message, /simulator is off/);
      }
      assert.deepEqual(await host.db.knex('traffic_numbers').select(), []);
    });

    it('keeps a host with contradictory simulator settings from starting, naming the setting', async () => {
      const clash = { simulator: { enabled: true, customers: [0, 1].map((i) => ({ tenantId: `customer-${i}`, numbers: [`+1800555010${i}`], destinations: [{ id: 'main', agents: 5 }] })) } };
      await assert.rejects(startTrafficHost(open, clash), /customers\[1\]\.destinations\[0\]\.id: main is already a destination of customers\[0\]/);
    });
  });
});
