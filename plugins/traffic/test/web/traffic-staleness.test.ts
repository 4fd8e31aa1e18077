import assert from 'node:assert/strict';
import { QUIET_FLOOR_MS, quietThresholdMs, trafficStatus } from '../../src/web/traffic-staleness.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.parse('2024-03-01T15:00:00Z');
/** Arrivals every `gap` ms, `count` of them, from T0. */
const every = (gap: number, count: number) => Array.from({ length: count }, (_, n) => T0 + n * gap);

describe('traffic monitor: when traffic counts as stopped', () => {
  it('waits at least a minute, however busy the traffic was', () => {
    assert.equal(quietThresholdMs(every(2 * SECOND, 100)), QUIET_FLOOR_MS);
  });

  it('waits twice the longest recent gap for quieter traffic, so a quiet number does not cry wolf', () => {
    const arrivals = [...every(20 * SECOND, 30), T0 + 29 * 20 * SECOND + 3 * MINUTE];
    assert.equal(quietThresholdMs(arrivals), 6 * MINUTE);
  });

  it('treats a batch (arrivals within a second) as one delivery, so batches every five minutes are the rhythm', () => {
    const batches = [0, 5, 10, 15].flatMap((minute) => [0, 100, 250, 900].map((ms) => T0 + minute * MINUTE + ms));
    assert.equal(quietThresholdMs(batches), 10 * MINUTE);
  });

  it('calls nothing a stop before it knows a rhythm (fewer than two deliveries)', () => {
    assert.equal(quietThresholdMs([]), null);
    assert.equal(quietThresholdMs([T0, T0 + 200]), null);
    assert.deepEqual(trafficStatus({ arrivals: [T0], connection: 'open', now: T0 + 24 * 60 * MINUTE }), { kind: 'live' });
  });

  it('marks the traffic stale once the silence outlasts the threshold, judged up to the last call so it never hides itself', () => {
    const arrivals = every(5 * SECOND, 40);
    const last = arrivals[arrivals.length - 1]!;
    assert.deepEqual(trafficStatus({ arrivals, connection: 'open', now: last + MINUTE }), { kind: 'live' });
    const stale = { kind: 'stale-quiet', lastCall: last, thresholdMs: MINUTE };
    assert.deepEqual(trafficStatus({ arrivals, connection: 'open', now: last + MINUTE + 1 }), stale);
    assert.deepEqual(trafficStatus({ arrivals, connection: 'open', now: last + 3 * 60 * MINUTE }), stale);
  });

  it('clears when calls arrive again', () => {
    const arrivals = every(5 * SECOND, 40);
    const later = arrivals[arrivals.length - 1]! + 10 * MINUTE;
    assert.deepEqual(trafficStatus({ arrivals: [...arrivals, later], connection: 'open', now: later + SECOND }), { kind: 'live' });
  });

  it('marks the traffic stale at once when the live connection is lost, naming the last call', () => {
    const arrivals = every(5 * SECOND, 3);
    assert.deepEqual(trafficStatus({ arrivals, connection: 'lost', now: T0 + 11 * SECOND }), { kind: 'stale-connection', lastCall: T0 + 10 * SECOND });
    assert.deepEqual(trafficStatus({ arrivals: [], connection: 'lost', now: T0 }), { kind: 'stale-connection', lastCall: null });
  });

  it('takes a given threshold instead of the derived one', () => {
    const arrivals = every(5 * SECOND, 3);
    const last = T0 + 10 * SECOND;
    assert.equal(trafficStatus({ arrivals, connection: 'open', now: last + 2 * SECOND, thresholdMs: 1500 }).kind, 'stale-quiet');
    assert.equal(trafficStatus({ arrivals, connection: 'open', now: last + 20 * SECOND, floorMs: 30 * SECOND }).kind, 'live');
  });
});
