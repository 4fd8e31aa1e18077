import assert from 'node:assert/strict';
import type { Identity } from '@switchboard/sdk';
import type { AttributedCall } from '../../src/server/call-rows.js';
import { SummarySnapshots, type SummarySnapshot } from '../../src/server/summary-snapshot.js';
import { TrafficFilter } from '../../src/server/traffic-filter.js';
import { randomCalls } from '../support/index.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';
import { openTrafficStore, type TrafficStore } from '../support/traffic-store.js';

// GET /summary's sums and its throughCallId are read in one snapshot: the sums count exactly the
// calls stored with an id up to throughCallId, also while other batches commit (on PostgreSQL
// concurrently, out of id order), so the monitor can follow the live stream from that id without
// counting a call twice or missing one.

const acme: Identity = { kind: 'fixture', subject: 'analyst', tenantId: 'acme', tenants: ['acme'], grants: { 'traffic:calls.read': '*' } };
const WINDOW = { from: '2024-03-01T13:00:00.000Z', to: '2024-03-01T16:00:00.000Z' };

/** Calls over the window's three hours (several numbers and call centers), all acme's. */
const batch = (seed: number, size: number): AttributedCall[] => randomCalls(size, seed).map((call) => ({ ...call, tenantId: 'acme' }));

/** acme's calls stored with an id up to `through`, and per call center, counted from the raw records. */
async function callsThrough(t: TrafficStore, through: number): Promise<{ attempts: number; byCenter: Map<string, number> }> {
  const rows = (await t.db.knex('traffic_calls').where('tenant_id', 'acme').andWhere('id', '<=', through).select('call_center')) as { call_center: string | null }[];
  const byCenter = new Map<string, number>();
  for (const row of rows) byCenter.set(row.call_center ?? '', (byCenter.get(row.call_center ?? '') ?? 0) + 1);
  return { attempts: rows.length, byCenter };
}

const attemptsOf = (snapshot: SummarySnapshot) => snapshot.sums.reduce((total, sums) => total + sums.counts.attempts, 0);

function attemptsByKey(snapshot: SummarySnapshot): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const { key, counts } of snapshot.sums) byKey.set(key, (byKey.get(key) ?? 0) + counts.attempts);
  return byKey;
}

forEachDatabase((kind, open) => {
  describe(`traffic: a summary and the last call id it includes, in one snapshot (${kind})`, () => {
    let database: TestDatabase;
    let t: TrafficStore;
    let snapshots: SummarySnapshots;
    const filter = new TrafficFilter(acme, '*');

    beforeEach(async () => {
      database = await open();
      t = await openTrafficStore(database.db);
      snapshots = new SummarySnapshots(t.storage);
    });
    afterEach(async () => {
      await t?.bus.close();
      await database?.cleanup();
    });

    it('answers 0 before the first call, then the last id handed out with the sums of every call up to it, also once raw records are gone', async () => {
      const empty = await snapshots.read(filter, 'minute', WINDOW);
      assert.deepEqual(empty, { sums: [], throughCallId: 0 });
      await t.calls.ingest(batch(1, 300));
      await t.calls.ingest([{ ...batch(2, 1)[0]!, tenantId: 'globex' }]);
      const snapshot = await snapshots.read(filter, 'minute', WINDOW);
      const greatest = Number(((await t.db.knex('traffic_calls').max({ id: 'id' })) as { id: number | string }[])[0]!.id);
      assert.equal(snapshot.throughCallId, greatest, 'the table\'s last id, whichever tenant\'s call it is');
      assert.equal(attemptsOf(snapshot), 300, 'acme\'s calls only');
      // The newest calls deleted (as a purge or a tenant's removal would): the rollups keep counting them, the boundary stays.
      await t.db.knex('traffic_calls').where('id', '>', greatest - 10).delete();
      assert.deepEqual(await snapshots.read(filter, 'minute', WINDOW), snapshot);
    });

    it('counts exactly the calls up to its id while batches commit at the same time, split or not', async () => {
      const SENDERS = 4;
      const BATCHES = 8;
      const SIZE = 150;
      const read: { whole: SummarySnapshot; split: SummarySnapshot }[] = [];
      let sending = SENDERS;
      const senders = Array.from({ length: SENDERS }, async (_, sender) => {
        try {
          for (let n = 0; n < BATCHES; n++) await t.calls.ingest(batch(1000 + sender * BATCHES + n, SIZE));
        } finally {
          sending--;
        }
      });
      // Reading all the while the senders send: each summary lands between, or across, their commits.
      const reader = (async () => {
        while (sending > 0) {
          const [whole, split] = await Promise.all([snapshots.read(filter, 'minute', WINDOW), snapshots.read(filter, 'minute', WINDOW, 'callCenter')]);
          read.push({ whole, split });
        }
      })();
      await Promise.all([...senders, reader]);
      read.push({ whole: await snapshots.read(filter, 'minute', WINDOW), split: await snapshots.read(filter, 'minute', WINDOW, 'callCenter') });

      for (const { whole, split } of read) {
        const stored = await callsThrough(t, whole.throughCallId!);
        assert.equal(attemptsOf(whole), stored.attempts, `the sums through call ${whole.throughCallId} count the calls up to it`);
        const storedSplit = await callsThrough(t, split.throughCallId!);
        assert.deepEqual(attemptsByKey(split), storedSplit.byCenter, `split by call center through call ${split.throughCallId}`);
      }
      assert.equal(attemptsOf(read.at(-1)!.whole), SENDERS * BATCHES * SIZE);
    });

    if (kind === 'postgres') {
      it('waits for an ingest under way to commit before it reads, so no call below its id is missing from the sums', async () => {
        await t.calls.ingest(batch(7, 50));
        // A writer in the middle of its transaction, as an ingest is between its insert and its commit.
        const writer = await t.db.knex.transaction();
        await writer.raw('lock table traffic_calls in row exclusive mode');
        let answered: SummarySnapshot | null = null;
        const reading = snapshots.read(filter, 'minute', WINDOW).then((snapshot) => (answered = snapshot));
        // The read's SHARE lock queues behind the writer (seen in pg_locks, not by waiting a while).
        for (;;) {
          const waiting = (await t.db.knex.raw("select count(*)::int as n from pg_locks where relation = 'traffic_calls'::regclass and mode = 'ShareLock' and not granted")) as { rows: { n: number }[] };
          if (waiting.rows[0]!.n === 1) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
        assert.equal(answered, null, 'no answer while a batch is under way');
        await writer.commit();
        const snapshot = await reading;
        assert.equal(attemptsOf(snapshot), 50);
        assert.equal(attemptsOf(snapshot), (await callsThrough(t, snapshot.throughCallId!)).attempts);
      });

      it('reads an hour or day summary without holding the ingest back, and answers no id for it', async () => {
        await t.calls.ingest(batch(8, 50));
        const writer = await t.db.knex.transaction();
        await writer.raw('lock table traffic_calls in row exclusive mode');
        try {
          for (const granularity of ['hour', 'day'] as const) {
            const snapshot = await snapshots.read(filter, granularity, { from: '2024-03-01T00:00:00.000Z', to: '2024-03-02T00:00:00.000Z' });
            assert.equal(attemptsOf(snapshot), 50, `the ${granularity} summary answers while a batch is under way`);
            assert.equal(snapshot.throughCallId, undefined);
          }
        } finally {
          await writer.commit();
        }
      });
    }
  });
});
