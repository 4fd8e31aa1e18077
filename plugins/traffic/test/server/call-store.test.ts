import assert from 'node:assert/strict';
import { ApiError, payloadTooLarge } from '@switchboard/sdk';
import type { CallsCommitted } from '../../src/index.js';
import * as numberDayMigration from '../../src/migrations/004-number-day-rollups.js';
import { INGEST_COLUMNS } from '../../src/migrations/009-sqlite-ingest-statement.js';
import { parseAsteriskMasterCsv } from '../../src/parsers/asterisk/master-csv.js';
import { parseNdjson } from '../../src/parsers/ndjson.js';
import type { ParsedRecord } from '../../src/parsers/parsed-record.js';
import { CALL_COLUMNS, type AttributedCall } from '../../src/server/call-rows.js';
import { IngestCut } from '../../src/server/ingest.js';
import { RetentionPurge } from '../../src/server/retention.js';
import { cutError } from '../../src/server/upload-body.js';
import { callRecord, collect, randomCalls, streamSample } from '../support/index.js';
import { forEachDatabase, type TestDatabase } from '../support/switchboard.js';
import { collectEvents, openTrafficStore, recount, storedCalls, storedRollups, TestClock, type TrafficStore } from '../support/traffic-store.js';

/** Random calls, each with a tenant (the generator leaves some without). */
const attributed = (count: number, seed: number): AttributedCall[] => randomCalls(count, seed).map((call) => ({ ...call, tenantId: call.tenantId ?? 'initech' }));

/** The per-number day rollup as stored, in key order. */
async function storedNumberDays(t: TrafficStore): Promise<Record<string, unknown>[]> {
  const rows = (await t.db.knex('traffic_rollups_number_day').select().orderBy(['tenant_id', 'bucket_start', 'dialed_number'])) as Record<string, unknown>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value])));
}

/** The per-number day rollup recounted straight from the raw records (tenant, UTC day, dialed number). */
async function recountNumberDays(t: TrafficStore): Promise<Record<string, unknown>[]> {
  const byKey = new Map<string, Record<string, string | number>>();
  for (const call of await storedCalls(t.db)) {
    const day = `${call.startedAt.slice(0, 10)}T00:00:00.000Z`;
    const key = JSON.stringify([call.tenantId, day, call.dialedNumber]);
    const row = byKey.get(key) ?? { tenant_id: call.tenantId!, bucket_start: day, dialed_number: call.dialedNumber, attempts: 0, answered: 0, busy: 0, no_answer: 0, failed: 0, blocked: 0, terminal_rejects: 0, duration_seconds: 0, billable_seconds: 0 };
    byKey.set(key, row);
    const add = (column: string, by: number) => (row[column] = (row[column] as number) + by);
    add('attempts', 1);
    add(call.disposition === 'no-answer' ? 'no_answer' : call.disposition, 1);
    add('terminal_rejects', call.disposition === 'failed' && call.releaseCause === 21 ? 1 : 0);
    add('duration_seconds', call.durationSeconds);
    add('billable_seconds', call.billableSeconds);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

const rowCount = async (t: TrafficStore, table: string) => Number(((await t.db.knex(table).count({ n: '*' }).first()) as { n: number | string }).n);

describe('traffic: the SQLite ingest statement', () => {
  it('reads a batch row in the order the ingest writes its values', () => {
    // Migration 009's trigger unpacks each row by position; a column added to CALL_COLUMNS needs a
    // migration that recreates the trigger, or its values would land in the wrong columns.
    assert.deepEqual([...INGEST_COLUMNS], CALL_COLUMNS.map((column) => column.name));
  });
});

forEachDatabase((kind, open) => {
  describe(`traffic: storage and ingest (${kind})`, () => {
    let database: TestDatabase;
    let t: TrafficStore;
    let clock: TestClock;

    beforeEach(async () => {
      database = await open();
      clock = new TestClock();
      t = await openTrafficStore(database.db, clock);
    });
    afterEach(async () => {
      await t?.bus.close();
      await database?.cleanup();
    });

    it('stores a batch once: a re-sent batch stores nothing and counts every record a duplicate, repeats within a batch too', async () => {
      const batch = attributed(250, 1);
      const first = await t.calls.ingest(batch);
      assert.equal(first.committed.length, 250);
      assert.equal(first.duplicates, 0);

      const again = await t.calls.ingest(batch);
      assert.deepEqual({ stored: again.committed.length, duplicates: again.duplicates, outboxId: again.outboxId }, { stored: 0, duplicates: 250, outboxId: null });
      assert.equal(await rowCount(t, 'traffic_outbox'), 1, 'nothing stored, nothing to publish: no outbox row for the re-sent batch');

      const mixed = [...attributed(20, 2), ...attributed(20, 2).slice(0, 5), ...batch.slice(0, 10)];
      const third = await t.calls.ingest(mixed);
      assert.deepEqual({ stored: third.committed.length, duplicates: third.duplicates }, { stored: 20, duplicates: 15 });
      assert.equal(await rowCount(t, 'traffic_calls'), 270);
    });

    it('gives back every field of a record as it went in', async () => {
      const batch = attributed(60, 3);
      await t.calls.ingest(batch);
      const key = (call: AttributedCall) => `${call.source}/${call.sourceId}`;
      const sorted = (calls: AttributedCall[]) => [...calls].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      assert.deepEqual(sorted(await storedCalls(t.db)), sorted(batch));
    });

    it('keeps the rollups equal to a recount of the raw records after batches that overlap', async () => {
      const all = attributed(1200, 4);
      // Overlapping slices, out of order, some sent twice: what retrying switches do.
      for (const [from, to] of [[0, 400], [300, 700], [650, 1200], [0, 1200], [100, 200]] as const) {
        await t.calls.ingest(all.slice(from, to));
      }
      assert.equal(await rowCount(t, 'traffic_calls'), 1200);
      for (const granularity of ['minute', 'hour'] as const) {
        const stored = await storedRollups(t.db, granularity);
        assert.ok(stored.length > 10);
        assert.deepEqual(stored, await recount(t.db, granularity), `${granularity} rollups`);
      }
      const numberDays = await storedNumberDays(t);
      assert.ok(numberDays.length >= 4);
      assert.deepEqual(numberDays, await recountNumberDays(t), 'per-number day rollups');
    });

    it('fills the per-number day rollup from the stored hour rows when migration 004 runs on an older database', async () => {
      await t.calls.ingest([...attributed(500, 7), ...attributed(300, 8).map((call) => ({ ...call, startedAt: call.startedAt.replace('2024-03-01', '2024-03-02') }))]);
      const expected = await recountNumberDays(t);
      assert.ok(new Set(expected.map((row) => row.bucket_start)).size === 2);
      // Back to the schema before 004 (its calls and hour rows stay), then forward again.
      await t.db.knex.transaction((trx) => numberDayMigration.down(trx));
      await t.db.knex.transaction((trx) => numberDayMigration.up(trx));
      assert.deepEqual(await storedNumberDays(t), expected);
    });

    it('counts each record once when batches that overlap are ingested at the same time', async () => {
      const all = attributed(900, 5);
      const results = await Promise.all([
        t.calls.ingest(all.slice(0, 600)),
        t.calls.ingest(all.slice(300, 900)),
        t.calls.ingest([...all.slice(450, 900)].reverse()),
        t.calls.ingest(all.slice(0, 900)),
      ]);
      const stored = results.reduce((sum, result) => sum + result.committed.length, 0);
      const duplicates = results.reduce((sum, result) => sum + result.duplicates, 0);
      assert.equal(stored, 900);
      assert.equal(duplicates, 600 + 600 + 450 + 900 - 900);
      for (const granularity of ['minute', 'hour'] as const) {
        assert.deepEqual(await storedRollups(t.db, granularity), await recount(t.db, granularity), `${granularity} rollups`);
      }
      assert.deepEqual(await storedNumberDays(t), await recountNumberDays(t), 'per-number day rollups');
    });

    it('ingests the NDJSON sample: the good records of the sender\'s numbers, refusals by line, events per tenant after the commit', async () => {
      await t.numbers.assign('+18005550199', 'acme');
      await t.numbers.assign('+13125550100', 'acme');
      const events = await collectEvents<CallsCommitted>(t.bus, 'traffic.calls.committed');
      const answer = await t.ingest.ingest(await collect(parseNdjson(streamSample('canonical/batch.ndjson'))), identityOver(['carrier', 'acme']));
      assert.equal(answer.stored, 7);
      assert.equal(answer.duplicates, 0);
      assert.deepEqual(answer.refused, [
        {
          line: 6,
          code: 'invalid_record',
          errors: [
            { field: 'callCentre', message: 'is not a call record field' },
            { field: 'answeredAt', message: 'is after endedAt' },
          ],
        },
      ]);
      const calls = await storedCalls(t.db);
      assert.ok(calls.every((call) => call.tenantId === 'acme'));
      // The outbound call belongs to whoever owns the calling number.
      assert.equal(calls.find((call) => call.sourceId === '7c1e4a2f-0008')!.dialedNumber, '+442079460958');
      await waitFor(() => events.events.length === 1);
      assert.equal(events.events[0]!.data.tenantId, 'acme');
      assert.deepEqual(events.events[0]!.data.calls.map((call) => call.sourceId).sort(), calls.map((call) => call.sourceId).sort());
      // Each call carries its stored id, which the live stream names its events by.
      const ids = (await t.db.knex('traffic_calls').select('id', 'source_id')) as { id: number | string; source_id: string }[];
      assert.deepEqual(
        events.events[0]!.data.calls.map((call) => `${call.sourceId} ${call.id}`).sort(),
        ids.map((row) => `${row.source_id} ${Number(row.id)}`).sort(),
      );
      await events.stop();
    });

    it('ingests the Asterisk sample: unknown numbers and numbers of tenants the sender does not serve are refused by line', async () => {
      await t.numbers.assign('+18005550142', 'acme');
      await t.numbers.assign('+18005550177', 'globex');
      const parsed = await collect(parseAsteriskMasterCsv(streamSample('asterisk/Master.csv'), { source: 'pbx-chi-1', timeZone: 'America/Chicago' }));
      // A sender whose subtree holds acme only: globex's number reads exactly like a number nobody owns.
      const answer = await t.ingest.ingest(parsed, identityOver(['acme']));
      assert.deepEqual(
        answer.refused.map((refusal) => ({ line: 'line' in refusal ? refusal.line : null, code: refusal.code, fields: refusal.errors.map((error) => error.field) })),
        [
          { line: 8, code: 'unknown_number', fields: ['dialedNumber'] },
          { line: 9, code: 'unknown_number', fields: ['dialedNumber'] },
          { line: 10, code: 'invalid_record', fields: ['dst'] },
          { line: 12, code: 'invalid_record', fields: [''] },
        ],
      );
      assert.match(answer.refused[0]!.errors[0]!.message, /^\+18005550177 belongs to no customer you send records for/);
      assert.equal(answer.stored, 9);
      assert.ok((await storedCalls(t.db)).every((call) => call.tenantId === 'acme' && call.dialedNumber === '+18005550142'));
    });

    it('commits a stream 1,000 records a transaction; cut part way, the committed batches stay and the answer says which', async () => {
      await t.numbers.assign('+18005550199', 'acme');
      const sender = identityOver(['carrier', 'acme']);
      async function* cutAfter(count: number): AsyncGenerator<ParsedRecord> {
        for (let line = 1; line <= count; line++) yield { position: { line }, record: callRecord({ sourceId: `stream-${line}` }) };
        throw payloadTooLarge(2048);
      }
      const cut = await t.ingest.ingestStream(cutAfter(2_500), sender).then(
        () => assert.fail('a cut stream must not resolve'),
        (error: unknown) => error,
      );
      assert.ok(cut instanceof IngestCut);
      assert.deepEqual([cut.committed.stored, cut.committedThrough], [2_000, { line: 2_000 }]);
      assert.equal(await rowCount(t, 'traffic_calls'), 2_000, 'the 500 records of the unfinished batch are not stored');
      assert.deepEqual(await storedRollups(t.db, 'minute'), await recount(t.db, 'minute'));
      const answer = cutError(cut);
      assert.ok(answer instanceof ApiError);
      assert.equal(answer.status, 413);
      assert.match(answer.message, /^The request body is larger than the 2048 bytes allowed\. The records up to line 2000 were committed and stay stored \(2000 stored, 0 duplicates, 0 refused\); nothing after it was stored\./);

      // A stream cut before its first batch completed stored nothing, and says so.
      const early = await t.ingest.ingestStream(cutAfter(10), sender).catch((error: unknown) => error);
      assert.match((cutError(early) as Error).message, / Nothing was stored\.$/);
      assert.equal(await rowCount(t, 'traffic_calls'), 2_000);

      // Re-sending the whole stream stores what was lost and counts the rest as duplicates.
      const whole = await t.ingest.ingestStream((function* () {
        for (let line = 1; line <= 2_500; line++) yield { position: { line }, record: callRecord({ sourceId: `stream-${line}` }) } as ParsedRecord;
      })(), sender);
      assert.deepEqual([whole.stored, whole.duplicates], [500, 2_000]);
    });

    it('purges raw records older than the retention and keeps their rollups', async () => {
      const batch = attributed(300, 6); // 2024-03-01, 13:00 to 16:00 UTC
      await t.calls.ingest(batch);
      const before = { minute: await storedRollups(t.db, 'minute'), hour: await storedRollups(t.db, 'hour') };
      const purge = new RetentionPurge(t.calls, { rawRetentionDays: 30, purgeIntervalMinutes: 60 }, clock, quietLogger);

      clock.set('2024-03-31T14:30:00Z'); // the cutoff falls among the batch's calls
      const cutoff = purge.cutoff();
      assert.equal(cutoff, '2024-03-01T14:30:00.000Z');
      const removed = await purge.runOnce();
      const older = batch.filter((call) => call.startedAt < cutoff).length;
      assert.ok(older > 50 && older < 250);
      assert.equal(removed, older);
      assert.ok((await storedCalls(t.db)).every((call) => call.startedAt >= cutoff));

      clock.set('2024-05-01T00:00:00Z');
      assert.equal(await purge.runOnce(), batch.length - older);
      assert.equal(await rowCount(t, 'traffic_calls'), 0);
      assert.deepEqual(await storedRollups(t.db, 'minute'), before.minute);
      assert.deepEqual(await storedRollups(t.db, 'hour'), before.hour);
      assert.ok((await storedNumberDays(t)).length > 0, 'per-number day rollups are kept too');
    });
  });
});

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quietLogger };

/** A sender (a network element) whose tenant subtree is the given tenants. */
const identityOver = (tenants: string[]) => ({ kind: 'client' as const, subject: 'client_test', tenantId: tenants[0]!, tenants, grants: { 'traffic:network.cdrs.write': '*' as const } });

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
