import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { signedInUser, networkElement, type Caller } from '../support/callers.js';
import { eventually } from '../support/eventually.js';
import { allTo, split } from '../support/plan-trees.js';
import { describeWithService, natsServers, openPostgres, seedTenant, seedUser, type TestDatabase, type TestHost } from '../support/switchboard.js';
import { startTollFreeHost } from '../support/toll-free-host.js';
import { A } from '../support/world.js';

describeWithService('postgres', 'toll-free scaled out on PostgreSQL', () => {
  describeWithService('nats', 'and NATS JetStream, two host processes', () => {
    const nats = { servers: natsServers, stream: `SB_TF_${randomBytes(4).toString('hex')}`, subjectPrefix: `t${randomBytes(4).toString('hex')}` };
    let database: TestDatabase;
    let dataDir: string;
    const hosts: Array<{ host: TestHost; cleanup: () => Promise<void> }> = [];
    let admin: Caller;
    let proxies: Caller[];

    before(async () => {
      database = await openPostgres();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-toll-free-scaled-'));
      // Two stateless hosts on one database and one bus, as behind a load balancer.
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

    const versionOn = async (proxy: Caller) => {
      const answer = await proxy.post('/api/toll-free/route', { dialedNumber: A, callId: 'call-1' });
      return answer.status === 200 ? (answer.body.plan?.version as number | undefined) ?? 'reroute' : answer.status;
    };

    it('swaps the routing on the other host process when a plan is activated, re-routed or rolled back on one', async () => {
      const created = await admin.post('/api/toll-free/plans', { name: 'Main line', numbers: [A], plan: allTo('dallas') });
      const planId = created.body.plan.id as string;
      assert.equal((await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: 1, version: 1 })).status, 200);
      assert.equal(await versionOn(proxies[0]!), 1, 'the host that activated answers at once');
      await eventually('host two to route by version 1', async () => (await versionOn(proxies[1]!)) === 1);

      const draft = await admin.put(`/api/toll-free/plans/${planId}/draft`, { revision: 2, plan: split({ dallas: 50, tampa: 50 }) });
      await admin.post(`/api/toll-free/plans/${planId}/activate`, { revision: draft.body.plan.revision, version: 2 });
      await eventually('host two to route by version 2', async () => (await versionOn(proxies[1]!)) === 2);

      const reroute = await admin.post('/api/toll-free/reroutes', { numbers: [A], destination: { type: 'call-center', callCenterId: 'tampa' }, expiresAt: new Date(Date.now() + 600_000).toISOString() });
      assert.equal(reroute.status, 201, reroute.text);
      await eventually('host two to take the re-route', async () => (await versionOn(proxies[1]!)) === 'reroute');
      await admin.delete(`/api/toll-free/reroutes/${reroute.body.id}`);
      await eventually('host two to drop the re-route', async () => (await versionOn(proxies[1]!)) === 2);

      const plan = await admin.get(`/api/toll-free/plans/${planId}`);
      await admin.post(`/api/toll-free/plans/${planId}/rollback`, { revision: plan.body.plan.revision, toVersion: 1 });
      await eventually('host two to route by version 3', async () => (await versionOn(proxies[1]!)) === 3);
      const answer = await proxies[1]!.post('/api/toll-free/route', { dialedNumber: A, callId: 'call-1' });
      assert.deepEqual(answer.body.destination, { type: 'call-center', callCenterId: 'dallas' }, 'version 1 again, everywhere');
    });
  });
});
