import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { sumCounts, type RollupRow } from '../../src/rollup/rollup-row.js';
import { bucketStart } from '../../src/rollup/buckets.js';
import { parseNdjson } from '../../src/parsers/ndjson.js';
import { callRecord, collect, randomCalls, seededRandom, streamSample } from '../support/index.js';

/** Counts recounted straight from the raw records, the way a report over raw calls would. */
function recount(records: CallRecord[], keep: (record: CallRecord) => boolean = () => true) {
  const calls = records.filter(keep);
  const count = (disposition: string) => calls.filter((call) => call.disposition === disposition).length;
  return {
    attempts: calls.length,
    answered: count('answered'),
    busy: count('busy'),
    noAnswer: count('no-answer'),
    failed: count('failed'),
    blocked: count('blocked'),
    terminalRejects: calls.filter((call) => call.disposition === 'failed' && call.releaseCause === 21).length,
    durationSeconds: calls.reduce((sum, call) => sum + call.durationSeconds, 0),
    billableSeconds: calls.reduce((sum, call) => sum + call.billableSeconds, 0),
  };
}

/** The key of the row a call belongs in, computed here independently of the rollup's own code. */
function keyOfCall(call: CallRecord, granularity: 'minute' | 'hour'): string {
  const size = granularity === 'minute' ? 60_000 : 3_600_000;
  const bucket = new Date(Math.floor(Date.parse(call.startedAt) / size) * size).toISOString();
  const origin = call.origin?.state ?? call.origin?.country ?? '';
  return JSON.stringify([granularity, bucket, call.tenantId ?? '', call.dialedNumber, call.destination ?? '', call.callCenter ?? '', call.disposition, origin]);
}

describe('traffic: rollups per batch', () => {
  it('counts a call into its minute row and its hour row, keyed with "" for none', () => {
    const rollup = Rollup.of([callRecord({ callingNumber: '+19025550127', callCenter: null, destination: null })]);
    const base = {
      tenantId: '',
      dialedNumber: '+18005550199',
      destination: '',
      callCenter: '',
      disposition: 'answered',
      originState: 'NS/PE',
      attempts: 1,
      answered: 1,
      busy: 0,
      noAnswer: 0,
      failed: 0,
      blocked: 0,
      terminalRejects: 0,
      durationSeconds: 204,
      billableSeconds: 197,
    };
    assert.deepEqual(rollup.rows(), [
      { granularity: 'hour', bucketStart: '2024-03-01T14:00:00.000Z', ...base },
      { granularity: 'minute', bucketStart: '2024-03-01T14:59:00.000Z', ...base },
    ]);
  });

  it('buckets by the minute and hour in which the call started, in UTC', () => {
    assert.equal(bucketStart('2024-03-01T14:59:59.999Z', 'minute'), '2024-03-01T14:59:00.000Z');
    assert.equal(bucketStart('2024-03-01T14:59:59.999Z', 'hour'), '2024-03-01T14:00:00.000Z');
    assert.equal(bucketStart('2024-03-01T15:00:00.000Z', 'hour'), '2024-03-01T15:00:00.000Z');
  });

  it('gives one row per distinct key: a minute of a busy number is a few dozen rows, not a thousand', () => {
    // 1000 calls to one number in one minute, from 7 origins, in 5 dispositions.
    const calls = randomCalls(1000, 7, { spanSeconds: 60, oneNumber: true });
    const rollup = Rollup.of(calls);
    const keys = new Set(calls.map((call) => JSON.stringify([call.disposition, call.origin?.state ?? call.origin?.country ?? ''])));
    assert.equal(rollup.rows('minute').length, keys.size);
    assert.equal(rollup.rows('hour').length, keys.size);
    assert.ok(rollup.size <= 2 * 5 * 7, `${rollup.size} rows`);
  });

  it('totals equal a recount from the raw records, overall and for every key', () => {
    const calls = randomCalls(2000, 42);
    const rollup = Rollup.of(calls);
    for (const granularity of ['minute', 'hour'] as const) {
      const rows = rollup.rows(granularity);
      assert.deepEqual(sumCounts(rows), recount(calls), `${granularity} totals`);
      const byKey = new Map<string, CallRecord[]>();
      for (const call of calls) {
        const key = keyOfCall(call, granularity);
        byKey.set(key, [...(byKey.get(key) ?? []), call]);
      }
      assert.equal(rows.length, byKey.size, 'one row per key');
      for (const row of rows) {
        const { granularity: g, bucketStart: b, tenantId: t, dialedNumber: d, destination: x, callCenter: c, disposition: p, originState: o, ...counts } = row;
        assert.deepEqual(counts, recount(byKey.get(JSON.stringify([g, b, t, d, x, c, p, o])) ?? []));
      }
    }
    const perTenant = sumCounts(rollup.rows('hour').filter((row) => row.tenantId === 'acme'));
    assert.deepEqual(perTenant, recount(calls, (call) => call.tenantId === 'acme'));
  });

  it('rolling up a batch in pieces and adding the pieces gives the rollup of the whole batch', () => {
    const calls = randomCalls(1500, 99);
    const whole = Rollup.of(calls).rows();
    const random = seededRandom(5);
    for (let attempt = 0; attempt < 5; attempt++) {
      // Cut the batch at random places, in a shuffled order, and merge the pieces' rows.
      const shuffled = [...calls].sort(() => random() - 0.5);
      const cuts = [0, ...Array.from({ length: 4 }, () => Math.floor(random() * calls.length)).sort((a, b) => a - b), calls.length];
      const merged = new Rollup();
      for (let piece = 0; piece < cuts.length - 1; piece++) {
        merged.merge(Rollup.of(shuffled.slice(cuts[piece], cuts[piece + 1])).rows());
      }
      assert.deepEqual(merged.rows(), whole, `attempt ${attempt}`);
    }
  });

  it('merging rows adds into existing ones, as the stored rows receive each batch', () => {
    const calls = randomCalls(300, 3);
    const stored = new Rollup().merge(Rollup.of(calls.slice(0, 100)).rows());
    stored.merge(Rollup.of(calls.slice(100)).rows());
    assert.deepEqual(stored.rows(), Rollup.of(calls).rows());
  });

  it('rolls up what the parsers read', async () => {
    const items = await collect(parseNdjson(streamSample('canonical/batch.ndjson')));
    const records = items.flatMap((item) => ('record' in item ? [item.record] : []));
    const rows: RollupRow[] = Rollup.of(records).rows('hour');
    assert.deepEqual(sumCounts(rows), recount(records));
    assert.deepEqual(
      rows.map((row) => [row.bucketStart, row.disposition, row.originState, row.attempts]),
      [
        ['2024-03-01T14:00:00.000Z', 'answered', 'NY', 1],
        ['2024-03-01T14:00:00.000Z', 'busy', 'MA', 1],
        // In key order: dialed number, destination (a blocked call has none), call center, disposition.
        ['2024-03-01T15:00:00.000Z', 'blocked', 'NS/PE', 1],
        ['2024-03-01T15:00:00.000Z', 'answered', 'CO', 1],
        ['2024-03-01T15:00:00.000Z', 'failed', '', 1],
        ['2024-03-01T15:00:00.000Z', 'no-answer', 'ON', 1],
        ['2024-03-01T15:00:00.000Z', 'answered', 'IL', 1],
      ],
    );
  });
});
