import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { BusEvent, EventBus } from '@switchboard/sdk';
import { verifyAuditChain } from '@switchboard/host';
import { connectNatsBus } from '@switchboard/host/dist/events/index.js';
import { openPostgres, type TestDatabase } from '../support/databases.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { describeWithService, natsServers } from '../support/services.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';

const until = async (what: string, condition: () => boolean) => {
  for (let i = 0; i < 150 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(condition(), `timed out waiting for ${what}`);
};

describeWithService('postgres', 'scaled out on PostgreSQL', () => {
  describeWithService('nats', 'and NATS JetStream, with the plugin in a worker and two front hosts', () => {
    const nats = { servers: natsServers, stream: `SB_TEST_${randomBytes(4).toString('hex')}`, subjectPrefix: `t${randomBytes(4).toString('hex')}` };
    let database: TestDatabase;
    let dataDir: string;
    let worker: WorkerProcess;
    let hosts: TestHost[];
    let observer: EventBus;
    const seen: BusEvent<{ tenantId: string; id: string }>[] = [];

    before(async () => {
      database = await openPostgres();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-scaled-'));
      worker = await spawnWorker(['notes'], {
        SWITCHBOARD__dataDir: dataDir,
        SWITCHBOARD__plugins__dirs: '["test/fixtures/plugins"]',
        SWITCHBOARD__database__schema: database.schema!,
        SWITCHBOARD__events__nats: JSON.stringify(nats),
        DATABASE_URL: database.url!,
      });
      const overrides = { database: { url: database.url, schema: database.schema! }, events: { nats }, plugins: { remote: { notes: worker.url } } };
      // Two stateless front hosts on one database and one bus, as behind a load balancer.
      hosts = [await startTestHost(overrides, { dataDir }), await startTestHost(overrides, { dataDir })];
      observer = await connectNatsBus(nats);
      await observer.subscribe<{ tenantId: string; id: string }>('notes.>', (event) => {
        seen.push(event);
      });
    });
    after(async () => {
      await observer?.close();
      for (const host of hosts ?? []) await host.stop();
      await worker?.kill();
      await database?.cleanup();
      await rm(dataDir, { recursive: true, force: true });
      const nc = await connect({ servers: natsServers });
      await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
      await nc.close();
    });

    it('stores through one front host what the other reads, in PostgreSQL', async () => {
      const created = await hosts[0]!.request('POST', '/api/notes/notes', { as: 'alice', body: { id: 'n-scaled-1', title: 'Written via host one' } });
      assert.equal(created.status, 201);
      const read = await hosts[1]!.request('GET', '/api/notes/notes/n-scaled-1', { as: 'alice' });
      assert.equal(read.status, 200);
      assert.equal(read.body.title, 'Written via host one');
      const rows = await database.db.knex('notes_items').where({ id: 'n-scaled-1' });
      assert.equal(rows.length, 1);
    });

    it('publishes the plugin\'s events on JetStream, from the worker', async () => {
      await until('the note.created event', () => seen.some((e) => e.data.id === 'n-scaled-1'));
      const event = seen.find((e) => e.data.id === 'n-scaled-1')!;
      assert.equal(event.subject, 'notes.note.created');
      assert.deepEqual(event.data, { tenantId: 'acme', id: 'n-scaled-1' });
    });

    it('keeps one audit chain across both front hosts', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, n) => hosts[n % 2]!.request('POST', '/api/notes/notes', { as: 'carol', body: { title: `note ${n}` } })),
      );
      const verdict = await verifyAuditChain(database.db.knex);
      assert.equal(verdict.ok, true);
      assert.equal(verdict.records, 11);
    });
  });
});
