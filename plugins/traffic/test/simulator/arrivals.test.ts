import assert from 'node:assert/strict';
import { arrivalTimes } from '../../src/simulator/arrivals.js';
import { NIGHT_FLOOR, profileFactor } from '../../src/simulator/daily-profile.js';
import { seededRandom } from '../../src/simulator/random.js';
import { customer, simulation } from './simulation.js';

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const variance = (values: number[]) => {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length;
};

describe('simulator: arrivals', () => {
  it('arrive as a Poisson process: the mean and the variance per tick both match the rate', () => {
    const random = seededRandom(42);
    // 30 calls a minute in 1-second ticks: 0.5 a tick; 20,000 ticks (about 5.5 hours) give about 10,000 calls.
    const counts: number[] = [];
    for (let tick = 0; tick < 20_000; tick++) counts.push(arrivalTimes(tick * 1000, (tick + 1) * 1000, 30, random).length);
    assert.ok(Math.abs(mean(counts) - 0.5) < 0.02, `mean ${mean(counts)} calls a tick, expected 0.5`);
    // A Poisson count's variance equals its mean; a steady drip (one call every 2 s) would have almost none.
    assert.ok(Math.abs(variance(counts) - 0.5) < 0.05, `variance ${variance(counts)}, expected 0.5`);
  });

  it('fall inside the tick, in order, and stop when the rate is 0', () => {
    const random = seededRandom(3);
    const times = arrivalTimes(10_000, 70_000, 600, random);
    assert.ok(times.length > 500 && times.length < 700, `${times.length} arrivals in a minute at 600 a minute`);
    assert.ok(times.every((t, i) => t > 10_000 && t <= 70_000 && (i === 0 || t >= times[i - 1]!)));
    assert.deepEqual(arrivalTimes(0, 60_000, 0, random), []);
  });

  it('follow the daily profile in the zone of the customer, never dropping to zero', () => {
    // Tuesday 5 March 2024. Chicago is UTC-6 in winter.
    assert.equal(profileFactor(new Date('2024-03-05T16:00:00Z'), 'America/Chicago'), 1, '10:00 in Chicago is the morning peak');
    assert.equal(profileFactor(new Date('2024-03-05T09:00:00Z'), 'America/Chicago'), NIGHT_FLOOR, '03:00 in Chicago is the night floor');
    assert.equal(profileFactor(new Date('2024-03-05T16:00:00Z'), 'America/Los_Angeles'), 0.7, 'the same instant is 08:00 in Los Angeles');
    assert.equal(profileFactor(new Date('2024-03-05T16:30:00Z'), 'America/Chicago'), 0.975, 'between full hours the share moves smoothly');
    assert.equal(profileFactor(new Date('2024-03-09T16:00:00Z'), 'America/Chicago'), 0.45, 'a Saturday morning is quieter');
    assert.equal(profileFactor(new Date('2024-03-12T15:00:00Z'), 'America/Chicago'), 1, 'after the change to daylight time 10:00 is 15:00Z');
    for (let hour = 0; hour < 24 * 7; hour++) {
      const factor = profileFactor(new Date(Date.UTC(2024, 2, 4, hour, 17)), 'America/Chicago');
      assert.ok(factor >= NIGHT_FLOOR && factor <= 1, `hour ${hour} of the week: ${factor}`);
    }
  });

  it('scale the rate by the profile: a busy morning brings ten times the calls of the night', async () => {
    const morning = simulation({ customers: [customer('acme', { callsPerMinute: 60 })], startAt: '2024-03-05T16:00:00Z', seed: 11 });
    const night = simulation({ customers: [customer('acme', { callsPerMinute: 60 })], startAt: '2024-03-05T09:00:00Z', seed: 11 });
    // 20 minutes each, in 1-second ticks, with the clock moved by the test.
    const peakCalls = await morning.run(20 * 60_000);
    const nightCalls = await night.run(20 * 60_000);
    // The profile is flat to within a few percent around 10:00 and at 03:00 over 20 minutes.
    assert.ok(Math.abs(peakCalls - 20 * 60 * 0.99) < 20 * 60 * 0.1, `${peakCalls} calls in 20 peak minutes at 60 a minute`);
    assert.ok(Math.abs(nightCalls - 20 * 60 * NIGHT_FLOOR) < 20 * 60 * NIGHT_FLOOR * 0.3, `${nightCalls} calls in 20 night minutes`);
    // Every arrival became one record once it ended (plus the calls still in progress).
    assert.equal(night.ingest.records.length + night.simulator.callsInProgress, nightCalls);
  });

  it('is reproducible: the same seed and clock give the same calls', async () => {
    const first = simulation({ customers: [customer('acme')], seed: 5 });
    const second = simulation({ customers: [customer('acme')], seed: 5 });
    await first.run(5 * 60_000);
    await second.run(5 * 60_000);
    assert.ok(first.ingest.records.length > 100);
    assert.deepEqual(second.ingest.records, first.ingest.records);
  });
});
