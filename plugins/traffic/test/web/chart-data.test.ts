import assert from 'node:assert/strict';
import { ZERO_COUNTS, type RollupCounts } from '../../src/rollup/rollup-row.js';
import { formatDuration, formatMeasure, formatNumber, groupLabel } from '../../src/web/call-display.js';
import { callsPerMinute, ratiosPerMinute, topGroupsPerMinute, windowRange } from '../../src/web/chart-data.js';
import { headlineOf } from '../../src/web/headline.js';
import { MINUTE_MS, MinuteSeries } from '../../src/web/minute-series.js';

const T0 = Date.parse('2024-03-01T15:00:00Z');
const at = (minute: number) => T0 + minute * MINUTE_MS;
const counts = (c: Partial<RollupCounts>): RollupCounts => ({ ...ZERO_COUNTS, ...c });

describe('traffic monitor: what the tiles and charts show', () => {
  it('covers the current minute and the ones before it', () => {
    assert.deepEqual(windowRange(at(14) + 30_000, 15), { from: at(0), to: at(15) });
  });

  it('draws every minute of the window, zeros included, answered apart from the rest', () => {
    const series = new MinuteSeries();
    series.add(at(1), counts({ attempts: 3, answered: 2, busy: 1 }));
    series.add(at(1) + 20_000, counts({ attempts: 1, failed: 1 }));
    const [answered, notAnswered] = callsPerMinute(series, at(0), at(3));
    assert.deepEqual(answered!.points, [{ time: at(0), value: 0 }, { time: at(1), value: 2 }, { time: at(2), value: 0 }]);
    assert.deepEqual(notAnswered!.points.map((p) => p.value), [0, 2, 0]);
  });

  it('leaves minutes without attempts out of ASR and NER rather than drawing them as 0 %', () => {
    const series = new MinuteSeries();
    series.add(at(1), counts({ attempts: 4, answered: 1, busy: 1, failed: 2 }));
    const [asr, ner] = ratiosPerMinute(series, at(0), at(3));
    assert.deepEqual(asr!.points, [{ time: at(1), value: 25 }]);
    assert.deepEqual(ner!.points, [{ time: at(1), value: 50 }]);
  });

  it('charts the busiest groups of the window, busiest first, named for people', () => {
    const groups = new Map<string, MinuteSeries>();
    for (const [key, attempts] of [['a', 1], ['b', 5], ['c', 3], ['', 2], ['old', 9]] as const) {
      const series = new MinuteSeries();
      series.add(key === 'old' ? at(-30) : at(1), counts({ attempts }));
      groups.set(key, series);
    }
    const charted = topGroupsPerMinute(groups, at(0), at(3), (key) => groupLabel('callCenter', key), 3);
    assert.deepEqual(charted.map((s) => s.name), ['b', 'c', 'No call center']);
    assert.deepEqual(charted[0]!.points.map((p) => p.value), [0, 5, 0]);
  });

  it('sums the window for the tiles, with the measures of the sums and the calls of the last minute', () => {
    const series = new MinuteSeries();
    series.add(at(0), counts({ attempts: 2, answered: 2, billableSeconds: 300 }));
    series.add(at(5), counts({ attempts: 2, blocked: 1, failed: 1 }));
    const now = at(5) + 30_000;
    const arrivals = [at(3), now - 61_000, now - 59_000, now - 1_000];
    const headline = headlineOf(series, arrivals, at(0), now);
    assert.equal(headline.attempts, 4);
    assert.equal(headline.asr, 50);
    assert.equal(headline.acdSeconds, 150);
    assert.equal(headline.ner, 50);
    assert.equal(headline.blocked, 1);
    assert.equal(headline.failed, 1);
    assert.equal(headline.callsLastMinute, 2);
  });

  it('writes numbers, durations and measures as people read them', () => {
    assert.equal(formatNumber('+18005550199'), '800-555-0199');
    assert.equal(formatNumber('+442071234567'), '+442071234567');
    assert.equal(formatNumber(null), 'Withheld');
    assert.equal(formatDuration(187), '3:07');
    assert.equal(formatDuration(3723), '1:02:03');
    assert.equal(formatMeasure(null, '%'), '—');
    assert.equal(formatMeasure(66.666, '%'), '66.7\u00a0%');
    assert.equal(formatMeasure(150.4, 's'), '2:30');
  });
});
