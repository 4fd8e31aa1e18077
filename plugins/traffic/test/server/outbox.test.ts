import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusEvent, EventBus } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { CALLS_COMMITTED, type CallsCommitted } from '../../src/server/publish.js';
import { callInput } from '../support/index.js';
import { forEachDatabase, seedTenant, send, startTestHost, type TestDatabase, type TestHost } from '../support/switchboard.js';

const NUMBER = '+18005550199';

/** The committed calls a bus has carried so far, by source id (a durable consumer from the start of its log). */
async function publishedSourceIds(bus: EventBus, name: string): Promise<string[]> {
  const seen: string[] = [];
  const subscription = await bus.consume<CallsCommitted>(name, CALLS_COMMITTED, async (event: BusEvent<CallsCommitted>) => {
    seen.push(...event.data.calls.map((call) => call.sourceId));
    await (event as unknown as { ack(): Promise<void> }).ack();
  });
  // The in-process bus delivers what it holds at once; give its delivery loop a moment to run.
  for (let tries = 0; tries < 20; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
  await subscription.unsubscribe();
  return seen.sort();
}

/**
 * Every committed call reaches the event bus, also when its publication failed after the commit
 * (the bus down, the process stopped): the batch's outbox row, written in its transaction, stays
 * until its calls are published, and the relay publishes what was left at the next start.
 */
forEachDatabase((kind, open) => {
  describe(`traffic: the outbox between commit and publish (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let dataDir: string;
    let host: TestHost | undefined;
    let authorization: string;

    const start = () =>
      startTestHost(
        {
          plugins: { dirs: ['plugins', 'test/fixtures/plugins'], settings: { traffic: { rawRetentionDays: 3660, simulator: { enabled: false } } } },
          database: { url: database.url, schema: database.schema ?? null },
          identity: { fixtures: null } as never,
        },
        { dataDir },
      );
    const post = (...sourceIds: string[]) =>
      send(host!.url, 'POST', '/api/traffic/cdrs', { ca: host!.tls.cert, headers: { authorization }, body: sourceIds.map((sourceId) => callInput({ sourceId, dialedNumber: NUMBER })) });
    const outboxRows = async () => (await host!.db.knex('traffic_outbox').select('id')) as { id: number }[];
    /** The calls an outbox row names: by its list of ids (PostgreSQL) or its range of ids (SQLite). */
    const callsOfOutboxRow = async (id: number) => {
      const row = (await host!.db.knex('traffic_outbox').where({ id }).first()) as { call_ids: string; after_id?: number; through_id?: number };
      const calls = host!.db.knex('traffic_calls').select('source_id').orderBy('id');
      if (row.call_ids) calls.whereIn('id', JSON.parse(row.call_ids) as number[]);
      else calls.where('id', '>', row.after_id!).andWhere('id', '<=', row.through_id!);
      return ((await calls) as { source_id: string }[]).map((call) => call.source_id);
    };

    before(async () => {
      database = await open();
      dataDir = await mkdtemp(join(tmpdir(), 'sb-outbox-'));
      host = await start();
      await seedTenant(host, 'acme', { plugins: ['traffic'] });
      await host.db.knex('traffic_numbers').insert({ number: NUMBER, tenant_id: 'acme', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' });
      const { client, secret } = await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'sbc', kind: 'network', roleId: 'network-element' });
      authorization = `Basic ${Buffer.from(`${client.id}:${secret}`).toString('base64')}`;
    });
    after(async () => {
      await host?.stop();
      await database?.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('publishes a batch after its commit and keeps no outbox row for it', async () => {
      const answer = await post('out-1', 'out-2');
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(await publishedSourceIds(host!.bus, 'outbox-test-a'), ['out-1', 'out-2']);
      assert.deepEqual(await outboxRows(), []);
    });

    it('keeps the outbox row of a batch the bus refused, and publishes it at the next start', async () => {
      const bus = host!.bus;
      const publish = bus.publish.bind(bus);
      bus.publish = () => Promise.reject(new Error('the bus is unreachable'));
      try {
        const answer = await post('out-3', 'out-4');
        assert.equal(answer.status, 200, 'committed, so acknowledged: the publication is the outbox\'s business');
        assert.deepEqual(answer.body, { stored: 2, duplicates: 0, refused: [] });
      } finally {
        bus.publish = publish;
      }
      const rows = await outboxRows();
      assert.equal(rows.length, 1, 'one row for the batch');
      assert.deepEqual(await callsOfOutboxRow(rows[0]!.id), ['out-3', 'out-4'], 'naming exactly its calls');
      assert.deepEqual(await publishedSourceIds(host!.bus, 'outbox-test-b'), ['out-1', 'out-2'], 'not published yet');

      // As a process killed between commit and publish leaves it: a row from some time ago.
      await host!.db.knex('traffic_outbox').update({ created_at: new Date(Date.now() - 3_600_000).toISOString() });
      await host!.stop();
      host = await start();
      for (let tries = 0; tries < 100 && (await outboxRows()).length; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(await outboxRows(), [], 'the relay published it and forgot it');
      assert.deepEqual(await publishedSourceIds(host.bus, 'outbox-test-c'), ['out-3', 'out-4']);
    });
  });
});
