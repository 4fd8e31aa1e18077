import assert from 'node:assert/strict';
import { measuresOf } from '../../src/rollup/measures.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { sumCounts } from '../../src/rollup/rollup-row.js';
import { LiveFeed, type EventSourceLike } from '../../src/web/live-feed.js';
import { LiveTraffic, type Baseline } from '../../src/web/live-traffic.js';
import { MINUTE_MS } from '../../src/web/minute-series.js';
import type { StreamPosition } from '../../src/web/stream-position.js';
import type { BucketAnswer, GroupAnswer, MonitorCall, SummaryAnswer } from '../../src/web/traffic-answers.js';
import { callRecord } from '../support/index.js';

// The monitor's first counts against the live stream: GET /summary says the greatest call id it
// includes, and each streamed call is counted on top exactly when the summary leaves it out,
// whether it came before the summary answered or after, listed among the latest calls or not.

const T0 = Date.parse('2024-03-01T15:00:00Z');
const at = (minute: number) => T0 + minute * MINUTE_MS;
const iso = (ms: number) => new Date(ms).toISOString();

/** Calls in order of their stored ids (1, 2, 3...), all starting in minute 2, at Chicago or Toronto. */
const stored: MonitorCall[] = Array.from({ length: 10 }, (_, i) => ({
  ...callRecord({ sourceId: `id-${i + 1}`, startedAt: iso(at(2) + i * 1000), answeredAt: null, endedAt: iso(at(2) + i * 1000 + 5000), durationSeconds: null, billableSeconds: null, disposition: 'busy', releaseCause: 17, callCenter: i % 2 ? 'toronto' : 'chicago' }),
  tenantId: 'acme',
}));
const byId = (id: number) => stored[id - 1]!;

function bucketsOf(calls: readonly MonitorCall[]): BucketAnswer[] {
  if (!calls.length) return [];
  const counts = sumCounts(Rollup.of(calls).rows('minute'));
  return [{ start: iso(at(2)), ...counts, ...measuresOf(counts) }];
}

/** GET /summary as the server answers it once calls 1..through are stored. */
function summaryThrough(through: number): SummaryAnswer {
  const calls = stored.slice(0, through);
  const buckets = bucketsOf(calls);
  const counts = sumCounts(buckets);
  return { granularity: 'minute', from: iso(at(0)), to: iso(at(15)), buckets, total: { ...counts, ...measuresOf(counts) }, throughCallId: through };
}

function groupsThrough(through: number): GroupAnswer[] {
  const calls = stored.slice(0, through);
  return ['chicago', 'toronto'].map((key) => {
    const buckets = bucketsOf(calls.filter((call) => call.callCenter === key));
    const counts = sumCounts(buckets);
    return { key, buckets, total: { ...counts, ...measuresOf(counts) } };
  });
}

const attempts = (traffic: LiveTraffic) => traffic.series.total(at(0), at(15)).attempts;
const atCenter = (traffic: LiveTraffic, key: string) => traffic.groupsOf('callCenter').get(key)?.total(at(0), at(15)).attempts ?? 0;
const streamed = (traffic: LiveTraffic, id: number, position: StreamPosition = { id }) => traffic.receive(byId(id), at(3), position);

describe('traffic monitor: the summary\'s last call id against the live stream', () => {
  it('counts a call streamed before the summary answered when the summary was read before it committed, and not one it includes', () => {
    const traffic = new LiveTraffic();
    streamed(traffic, 4);
    streamed(traffic, 5);
    streamed(traffic, 6); // committed while the summary was on its way, after its snapshot
    traffic.applyBaseline({ summary: summaryThrough(5), calls: [], groups: {} });
    assert.equal(attempts(traffic), 6, 'calls 1 to 5 from the summary, 6 from the stream');
    assert.equal(traffic.latestCalls.length, 3);
  });

  it('does not count again a call the summary includes that the stream sends late, nor one sent twice', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline({ summary: summaryThrough(5), calls: [], groups: {} });
    assert.equal(streamed(traffic, 5), true, 'listed: the page had not seen it');
    assert.equal(attempts(traffic), 5);
    streamed(traffic, 7);
    streamed(traffic, 7);
    assert.equal(attempts(traffic), 6);
  });

  it('counts a call listed among the latest calls but committed after the summary when it streams, once', () => {
    const traffic = new LiveTraffic();
    // The latest calls were read after the summary: call 6 is listed, not counted.
    traffic.applyBaseline({ summary: summaryThrough(5), calls: [byId(6), byId(5)], groups: {} });
    assert.equal(attempts(traffic), 5);
    assert.equal(streamed(traffic, 6), true);
    assert.equal(attempts(traffic), 6);
    assert.equal(traffic.latestCalls.filter((call) => call.sourceId === 'id-6').length, 1, 'in the table once');
  });

  it('judges a call sent without its id by the id it came below', () => {
    const traffic = new LiveTraffic();
    traffic.applyBaseline({ summary: summaryThrough(5), calls: [], groups: {} });
    streamed(traffic, 3, { below: 5 }); // committed before the summary, published late: the summary has it
    assert.equal(attempts(traffic), 5);
    streamed(traffic, 9);
    streamed(traffic, 8, { below: 9 }); // committed after call 9 was sent: after the summary
    assert.equal(attempts(traffic), 7);
  });

  it('holds each grouped summary to its own last id', () => {
    const traffic = new LiveTraffic();
    streamed(traffic, 5);
    streamed(traffic, 6);
    const baseline: Baseline = { summary: summaryThrough(4), calls: [], groups: { callCenter: groupsThrough(6) }, groupsThrough: { callCenter: 6 } };
    traffic.applyBaseline(baseline);
    assert.equal(attempts(traffic), 6, 'the total was read through call 4: 5 and 6 come from the stream');
    assert.equal(atCenter(traffic, 'chicago') + atCenter(traffic, 'toronto'), 6, 'the groups were read through call 6: nothing added');
    streamed(traffic, 7);
    assert.equal(attempts(traffic), 7);
    assert.equal(atCenter(traffic, 'chicago'), 4);
  });
});

/** An EventSource stand-in that delivers `call` events with an id or without. */
class FakeSource implements EventSourceLike {
  readyState = 1;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  private lastEventId = '';
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = 2;
  }
  /** As EventSource does: an event without an id carries the last id the stream gave. */
  call(sourceId: string, id?: number) {
    if (id !== undefined) this.lastEventId = String(id);
    const event = new MessageEvent('call', { data: JSON.stringify({ sourceId }), lastEventId: this.lastEventId });
    for (const listener of this.listeners.get('call') ?? []) listener(event);
  }
}

describe('traffic monitor: where each call came in the live stream', () => {
  it('hands on a call\'s id, or for one sent without, the greatest id sent before it', () => {
    const sources: FakeSource[] = [];
    const positions: [string, StreamPosition][] = [];
    const feed = new LiveFeed('/api/traffic/live', { onOpen: () => undefined, onLost: () => undefined, onCall: (call, position) => positions.push([call.sourceId, position]) }, {
      open: () => {
        const source = new FakeSource();
        sources.push(source);
        return source;
      },
    });
    feed.start();
    sources[0]!.call('a', 41);
    sources[0]!.call('b', 42);
    sources[0]!.call('c');
    sources[0]!.call('d', 44);
    sources[0]!.call('e');
    assert.deepEqual(positions, [['a', { id: 41 }], ['b', { id: 42 }], ['c', { below: 42 }], ['d', { id: 44 }], ['e', { below: 44 }]]);
    feed.stop();
  });
});
