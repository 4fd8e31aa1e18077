import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, type NumberAssigned, type NumberDisconnected } from '@switchboard/plugin-orders';
import { networkElement, signedInUser, type Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { allTo } from '../support/plan-trees.js';
import { describeWithService, natsServers, openPostgres, seedTenant, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A } from '../support/world.js';

const ORDERED = '+18775550150';

/**
 * Scaled out, a disconnection is detached and audited once (a second delivery finds nothing left to
 * detach) and every host stops routing the number: two host processes on one PostgreSQL and one NATS.
 */
describeWithService('postgres', "toll-free: a disconnected number's plan, scaled out on PostgreSQL", () => {
  describeWithService('nats', 'and NATS JetStream, two host processes', () => {
    const nats = { servers: natsServers, stream: `SB_TF_${randomBytes(4).toString('hex')}`, subjectPrefix: `t${randomBytes(4).toString('hex')}` };
    let database: TestDatabase;
    let dataDir: string;
    const hosts: Array<{ host: TestHost; cleanup: () => Promise<void> }> = [];
    let admin: Caller;
    let proxies: Caller[];

    before(async () => {
      database = await openPostgres();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-toll-free-disconnected-'));
      for (let i = 0; i < 2; i++) hosts.push(await startTollFreeHost(database, { overrides: { events: { nats } }, dataDir }));
      const [one, two] = hosts.map((h) => h.host) as [TestHost, TestHost];
      await seedTenant(one, 'acme', { plugins: ['traffic', 'toll-free'] });
      admin = await signedInUser(one, await seedUser(one, 'acme', 'admin@acme.test', 'administrator'));
      proxies = [await networkElement(one, 'carrier', 'Proxy one'), await networkElement(two, 'carrier', 'Proxy two')];
    });
    after(async () => {
      for (const { cleanup } of hosts.splice(0)) await cleanup();
      await database?.cleanup();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      const nc = await connect({ servers: natsServers });
      await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
      await nc.close();
    });

    const status = async (proxy: Caller, number: string) => (await proxy.post('/api/toll-free/route', { dialedNumber: number, callId: 'call-1' })).status;

    it('stops routing the number on both hosts and detaches it once', async () => {
      const [one] = hosts.map((h) => h.host) as [TestHost];
      await one.bus.publish<NumberAssigned>(NUMBER_ASSIGNED, { number: ORDERED, tenantId: 'acme' }, { id: `${NUMBER_ASSIGNED}:order-1:${ORDERED}` });
      const listed = async () => ((await admin.get('/api/toll-free/numbers')).body as { numbers: Array<{ number: string }> }).numbers.some(({ number }) => number === ORDERED);
      await eventually("traffic's registry to give acme the ordered number", listed);
      const created = await admin.post('/api/toll-free/plans', { name: 'Two lines', numbers: [ORDERED, A], plan: allTo('dallas') });
      assert.equal(created.status, 201, created.text);
      const planId = created.body.plan.id as string;
      assert.equal((await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: created.body.plan.revision, version: 1 })).status, 200);
      for (const proxy of proxies) await eventually('both hosts to route the ordered number', async () => (await status(proxy, ORDERED)) === 200);

      await one.bus.publish<NumberDisconnected>(NUMBER_DISCONNECTED, { number: ORDERED, tenantId: 'acme' }, { id: `${NUMBER_DISCONNECTED}:order-2:${ORDERED}` });
      for (const [i, proxy] of proxies.entries()) await eventually(`host ${i + 1} to stop routing the disconnected number`, async () => (await status(proxy, ORDERED)) === 404);
      for (const proxy of proxies) assert.equal(await status(proxy, A), 200, "the plan's other number is still routed everywhere");
      const detached = await one.db.knex('host_audit').where({ plugin: 'toll-free', action: 'plan.number.detach' });
      assert.equal(detached.length, 1, 'detached and audited once');
    });
  });
});
