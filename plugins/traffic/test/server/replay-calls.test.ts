import assert from 'node:assert/strict';
import type { ReplayCall } from '../../src/routing/call-router.js';
import type { AttributedCall } from '../../src/server/call-rows.js';
import { callsForReplay, REPLAY_PAGE_ROWS } from '../../src/server/replay-calls.js';
import { callRecord } from '../support/index.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';
import { openTrafficStore, type TrafficStore } from '../support/traffic-store.js';

const MAIN = '+18005550100';
const SECOND = '+18005550101';
const OTHER = '+18005550177';

/** An inbound call of `tenantId` that started at `startedAt` and lasted `seconds`. */
function call(tenantId: string, sourceId: string, startedAt: string, overrides: Record<string, unknown> = {}, seconds = 60): AttributedCall {
  const start = Date.parse(startedAt);
  return {
    ...callRecord({
      sourceId,
      dialedNumber: MAIN,
      startedAt,
      answeredAt: new Date(start + 4_000).toISOString(),
      endedAt: new Date(start + seconds * 1000).toISOString(),
      durationSeconds: null,
      billableSeconds: null,
      destination: 'dallas',
      callCenter: 'dallas',
      ...overrides,
    }),
    tenantId,
  };
}

async function readAll(iterable: AsyncIterable<ReplayCall>): Promise<ReplayCall[]> {
  const calls: ReplayCall[] = [];
  for await (const one of iterable) calls.push(one);
  return calls;
}

forEachDatabase((kind, open) => {
  describe(`traffic: calls for a what-if replay (${kind})`, () => {
    let database: TestDatabase;
    let t: TrafficStore;

    beforeEach(async () => {
      database = await open();
      t = await openTrafficStore(database.db);
    });
    afterEach(async () => {
      await t?.bus.close();
      await database?.cleanup();
    });

    it("gives one tenant's inbound calls to the numbers asked, in the window, oldest first, with what happened to them", async () => {
      await t.calls.ingest([
        call('acme', 'late', '2024-03-01T12:00:05.000Z', { callingNumber: '+13125550187', destination: 'tampa', callCenter: 'tampa' }, 95),
        call('acme', 'early', '2024-03-01T11:00:00.000Z', { callingNumber: null }),
        call('acme', 'second-number', '2024-03-01T11:30:00.000Z', { dialedNumber: SECOND, disposition: 'busy', releaseCause: 17, answeredAt: null }, 1),
        call('acme', 'not-asked', '2024-03-01T11:10:00.000Z', { dialedNumber: OTHER }),
        call('acme', 'before-window', '2024-03-01T09:59:59.999Z'),
        call('acme', 'at-window-end', '2024-03-01T13:00:00.000Z'),
        call('acme', 'outbound', '2024-03-01T11:20:00.000Z', { direction: 'outbound', service: 'outbound', callingNumber: MAIN, dialedNumber: '+12145550111' }),
        call('globex', 'another-tenant', '2024-03-01T11:40:00.000Z'),
      ]);

      const calls = await readAll(callsForReplay(t.storage, 'acme', [MAIN, SECOND], '2024-03-01T10:00:00.000Z', '2024-03-01T13:00:00.000Z'));
      assert.deepEqual(calls, [
        { callId: 'early', dialedNumber: MAIN, callingNumber: null, startedAt: '2024-03-01T11:00:00.000Z', destination: 'dallas', callCenter: 'dallas', durationSeconds: 60, disposition: 'answered' },
        { callId: 'second-number', dialedNumber: SECOND, callingNumber: '+12125550131', startedAt: '2024-03-01T11:30:00.000Z', destination: 'dallas', callCenter: 'dallas', durationSeconds: 1, disposition: 'busy' },
        { callId: 'late', dialedNumber: MAIN, callingNumber: '+13125550187', startedAt: '2024-03-01T12:00:05.000Z', destination: 'tampa', callCenter: 'tampa', durationSeconds: 95, disposition: 'answered' },
      ]);
      assert.deepEqual(await readAll(callsForReplay(t.storage, 'acme', [], '2024-03-01T10:00:00.000Z', '2024-03-01T13:00:00.000Z')), [], 'no numbers, no calls');
    });

    it('reads page by page: every call once and in order across pages, also where a page ends among calls that started together, and no further than the reader goes', async () => {
      // Two and a half pages, in bursts of 50 calls started in the same millisecond (pages end inside bursts).
      const total = Math.floor(REPLAY_PAGE_ROWS * 2.5);
      const base = Date.parse('2024-03-01T10:00:00.000Z');
      const all = Array.from({ length: total }, (_, n) => call('acme', `burst-${String(n).padStart(5, '0')}`, new Date(base + Math.floor(n / 50) * 1000).toISOString()));
      for (let at = 0; at < all.length; at += 1000) await t.calls.ingest(all.slice(at, at + 1000));

      const read = await readAll(callsForReplay(t.storage, 'acme', [MAIN], '2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z'));
      assert.equal(read.length, total);
      assert.equal(new Set(read.map((c) => c.callId)).size, total, 'no call twice');
      assert.ok(read.every((c, n) => n === 0 || read[n - 1]!.startedAt <= c.startedAt), 'oldest first');

      // A reader that stops after the first call costs one statement: the rest is never read.
      const statements: string[] = [];
      const onQuery = (query: { sql: string }) => statements.push(query.sql);
      t.db.knex.on('query', onQuery);
      try {
        for await (const first of callsForReplay(t.storage, 'acme', [MAIN], '2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z')) {
          assert.equal(first.startedAt, '2024-03-01T10:00:00.000Z');
          break;
        }
      } finally {
        t.db.knex.off('query', onQuery);
      }
      assert.equal(statements.filter((sql) => /traffic_calls/.test(sql)).length, 1);
    });
  });
});
