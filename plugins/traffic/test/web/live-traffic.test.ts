import assert from 'node:assert/strict';
import { measuresOf } from '../../src/rollup/measures.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { sumCounts, type RollupCounts } from '../../src/rollup/rollup-row.js';
import { LATEST_CALLS_KEPT, LiveTraffic, type Baseline } from '../../src/web/live-traffic.js';
import { MINUTE_MS } from '../../src/web/minute-series.js';
import type { BucketAnswer, GroupAnswer, GroupDimension, MonitorCall, SummaryAnswer } from '../../src/web/traffic-answers.js';
import { callRecord } from '../support/index.js';

const T0 = Date.parse('2024-03-01T15:00:00Z');
const at = (minute: number, second = 0) => T0 + minute * MINUTE_MS + second * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

let serial = 0;
/** A call that started at minute `minute` (and a few seconds) past T0 and lasted `seconds`. */
function call(minute: number, overrides: Record<string, unknown> = {}, seconds = 30): MonitorCall {
  const start = at(minute, 5);
  const answered = (overrides.disposition ?? 'answered') === 'answered';
  const record = callRecord({
    sourceId: `c-${++serial}`,
    startedAt: iso(start),
    answeredAt: answered ? iso(start + 2000) : null,
    endedAt: iso(start + seconds * 1000),
    durationSeconds: null,
    billableSeconds: null,
    ...(answered ? {} : { releaseCause: { busy: 17, 'no-answer': 19, failed: 34, blocked: 52 }[overrides.disposition as string] }),
    ...overrides,
  });
  return { ...record, tenantId: 'acme' };
}

/** Minute buckets as GET /summary answers them, counted by the same Rollup the ingest uses. */
function bucketsOf(calls: readonly MonitorCall[]): BucketAnswer[] {
  const byStart = new Map<string, RollupCounts[]>();
  for (const row of Rollup.of(calls).rows('minute')) byStart.set(row.bucketStart, [...(byStart.get(row.bucketStart) ?? []), row]);
  return [...byStart].map(([start, rows]) => {
    const counts = sumCounts(rows);
    const { asr, acdSeconds, ner } = measuresOf(counts);
    return { start, ...counts, asr, acdSeconds, ner };
  });
}

function summaryOf(calls: readonly MonitorCall[]): SummaryAnswer {
  const buckets = bucketsOf(calls);
  const counts = sumCounts(buckets);
  const { asr, acdSeconds, ner } = measuresOf(counts);
  return { granularity: 'minute', from: iso(at(0)), to: iso(at(15)), buckets, total: { ...counts, asr, acdSeconds, ner } };
}

function groupsOf(calls: readonly MonitorCall[], dimension: GroupDimension): GroupAnswer[] {
  const keys = [...new Set(calls.map((c) => c[dimension] ?? ''))];
  return keys.map((key) => {
    const summary = summaryOf(calls.filter((c) => (c[dimension] ?? '') === key));
    return { key, buckets: summary.buckets, total: summary.total };
  });
}

/** What the page reads: the summary counted `committed`; the latest calls, newest first. */
function baseline(committed: readonly MonitorCall[], grouped: GroupDimension[] = []): Baseline {
  const calls = [...committed].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return { summary: summaryOf(committed), calls, groups: Object.fromEntries(grouped.map((d) => [d, groupsOf(committed, d)])) };
}

/** Attempts per minute over the first 15 minutes, as the chart would draw them. */
const attempts = (traffic: LiveTraffic) => traffic.series.minutes(at(0), at(15)).map((m) => m.counts.attempts);
const attemptsIn = (traffic: LiveTraffic, dimension: GroupDimension, key: string) =>
  traffic.groupsOf(dimension).get(key)?.total(at(0), at(15)).attempts ?? 0;

describe('traffic monitor: folding live calls into minute buckets', () => {
  it('counts a call the stream delivered before the summary answered once: the summary already has it', () => {
    const traffic = new LiveTraffic();
    const earlier = [call(2), call(2, { disposition: 'busy' }), call(3)];
    const streamedEarly = call(3, { disposition: 'failed' });
    // The stream is open; this call commits and arrives before the summary is read.
    assert.equal(traffic.receive(streamedEarly, at(4)), false, 'nothing to show before the baseline');
    assert.equal(traffic.ready, false);
    traffic.applyBaseline(baseline([...earlier, streamedEarly]));
    assert.equal(traffic.ready, true);
    assert.equal(traffic.series.total(at(0), at(15)).attempts, 4);
    assert.equal(traffic.series.total(at(0), at(15)).failed, 1);
    assert.ok(traffic.latestCalls.includes(streamedEarly), 'it is in the table once');
    assert.equal(traffic.latestCalls.length, 4);
  });

  it('adds a later call to the minute it started in, even a minute the summary counted, and only once', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline(baseline([call(2), call(5)]));
    const later = call(2, { disposition: 'no-answer' });
    const revision = traffic.revision;
    assert.equal(traffic.receive(later, at(6)), true);
    assert.equal(traffic.receive(later, at(6, 1)), false, 'the same call again (a reconnect) is not counted twice');
    assert.equal(traffic.revision, revision + 1, 'views redraw for the new call, not for the repeat');
    assert.deepEqual(attempts(traffic).slice(0, 6), [0, 0, 2, 0, 0, 1]);
    const minute2 = traffic.series.minutes(at(2), at(3))[0]!.counts;
    assert.equal(minute2.noAnswer, 1);
    assert.equal(measuresOf(minute2).asr, 50);
  });

  it('counts a long call that ends now in the old minute it started, as the rollups do', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline(baseline([]));
    traffic.receive(call(1, {}, 600), at(11, 5));
    assert.deepEqual(attempts(traffic).slice(0, 3), [0, 1, 0]);
    assert.equal(traffic.series.total(at(0), at(15)).billableSeconds, 598);
  });

  it('takes groups from the grouped summary, adding live calls to them', () => {
    const traffic = new LiveTraffic();
    const committed = [call(1, { callCenter: 'chicago' }), call(1, { callCenter: 'toronto', destination: '+14165550100' }), call(2, { callCenter: 'chicago' })];
    traffic.applyBaseline(baseline(committed, ['dialedNumber', 'destination', 'callCenter']));
    traffic.receive(call(3, { callCenter: 'toronto' }), at(4));
    assert.equal(attemptsIn(traffic, 'callCenter', 'chicago'), 2);
    assert.equal(attemptsIn(traffic, 'callCenter', 'toronto'), 2);
    assert.equal(attemptsIn(traffic, 'dialedNumber', '+18005550199'), 4);
  });

  it('without a grouped summary, groups the latest calls and the live ones, each call once', () => {
    const traffic = new LiveTraffic();
    const early = call(3, { callCenter: 'toronto' });
    traffic.receive(early, at(4));
    traffic.applyBaseline(baseline([call(1, { callCenter: 'chicago' }), call(2, { callCenter: null, destination: null }), early]));
    traffic.receive(call(4, { callCenter: 'toronto' }), at(5));
    assert.equal(attemptsIn(traffic, 'callCenter', 'chicago'), 1);
    assert.equal(attemptsIn(traffic, 'callCenter', 'toronto'), 2, 'the early call is in the latest calls and was streamed: once');
    assert.equal(attemptsIn(traffic, 'callCenter', ''), 1, 'calls without a call center form their own group');
    assert.equal(traffic.series.total(at(0), at(15)).attempts, 4, 'the totals are the summary\'s plus the later call');
  });

  it('leaves out calls of other dialed numbers when one is chosen', () => {
    const traffic = new LiveTraffic({ dialedNumber: '+18005550199' });
    traffic.applyBaseline(baseline([call(1)]));
    assert.equal(traffic.receive(call(2, { dialedNumber: '+18885550123' }), at(3)), false);
    assert.equal(traffic.receive(call(2), at(3)), true);
    assert.equal(traffic.series.total(at(0), at(15)).attempts, 2);
    assert.deepEqual(traffic.latestCalls.map((c) => c.dialedNumber), ['+18005550199', '+18005550199']);
  });

  it('shows one call center\'s counts, table and arrivals when it is chosen', () => {
    const traffic = new LiveTraffic({ place: { dimension: 'callCenter', key: 'toronto' } });
    traffic.applyBaseline(baseline([call(1, { callCenter: 'toronto' }), call(1, { callCenter: 'chicago' })], ['callCenter']));
    traffic.receive(call(2, { callCenter: 'chicago' }), at(3));
    traffic.receive(call(2, { callCenter: 'toronto', disposition: 'blocked' }), at(3, 30));
    const counts = traffic.series.total(at(0), at(15));
    assert.equal(counts.attempts, 2);
    assert.equal(counts.blocked, 1);
    assert.deepEqual(traffic.latestCalls.map((c) => c.callCenter), ['toronto', 'toronto']);
    assert.equal(traffic.arrivalTimes.length, 2);
    assert.equal(traffic.arrivalTimes[1], at(3, 30));
  });

  it('lists the latest calls, the last to end first, at most LATEST_CALLS_KEPT', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline(baseline([call(0, {}, 50), call(0, {}, 10)]));
    for (let n = 1; n <= LATEST_CALLS_KEPT; n++) traffic.receive(call(1, {}, 2 + n), at(2));
    const shown = traffic.latestCalls;
    assert.equal(shown.length, LATEST_CALLS_KEPT);
    assert.equal(shown[0]!.durationSeconds, 2 + LATEST_CALLS_KEPT, 'the call that ended last is first');
    assert.ok(shown.every((c, i) => i === 0 || Date.parse(shown[i - 1]!.endedAt) >= Date.parse(c.endedAt)));
  });

  it('forgets minutes that left every window', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline(baseline([call(1), call(9)], ['callCenter']));
    traffic.dropBefore(at(5));
    assert.equal(traffic.series.total(at(0), at(15)).attempts, 1);
    assert.equal(attemptsIn(traffic, 'callCenter', 'chicago'), 1);
  });
});
