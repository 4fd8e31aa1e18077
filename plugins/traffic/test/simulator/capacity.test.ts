import assert from 'node:assert/strict';
import type { CallRecord } from '../../src/cdr/call-record.js';
import { Q850 } from '../../src/cdr/release-causes.js';
import { placeCall } from '../../src/simulator/place-call.js';
import { seededRandom } from '../../src/simulator/random.js';
import type { Arrival } from '../../src/simulator/simulated-call.js';
import { SimulatedDestination } from '../../src/simulator/simulated-destination.js';
import { customer, destination, simulation } from './simulation.js';

const count = (records: CallRecord[], disposition: CallRecord['disposition']) => records.filter((r) => r.disposition === disposition).length;
const toDallas = { action: { kind: 'destination' as const, destinationId: 'dallas' }, plan: null };

describe('simulator: capacity of destinations', () => {
  it('answers a burst up to the agents a destination has and gives the rest a busy signal (17)', () => {
    const dallas = new SimulatedDestination(destination('dallas', { agents: 2, handleSeconds: 600 }));
    const destinations = new Map([['dallas', dallas]]);
    const random = seededRandom(1);
    // Five callers within a second, while both agents are on their first calls.
    const burst = [0, 200, 400, 600, 800].map((ms, i): Arrival => ({ callId: `c${i}`, tenantId: 'acme', dialedNumber: '+18005550100', callingNumber: '+13125550100', atMs: 1_000_000 + ms }));
    const calls = burst.map((arrival) => placeCall(arrival, toDallas, destinations, random));
    assert.deepEqual(calls.map((c) => c.disposition === 'busy'), [false, false, true, true, true]);
    for (const busy of calls.slice(2)) {
      assert.equal(busy.releaseCause, Q850.USER_BUSY);
      assert.equal(busy.answeredAtMs, null);
      assert.ok(busy.endedAtMs - busy.atMs <= 1500, 'a busy signal ends the call at once');
      assert.equal(busy.destination, 'dallas');
      assert.equal(busy.callCenter, 'dallas');
    }
    assert.equal(dallas.busyAgents(1_001_000), 2);

    // Once the first call has ended, its agent takes the next caller.
    const firstEnd = Math.min(calls[0]!.endedAtMs, calls[1]!.endedAtMs);
    const later = placeCall({ ...burst[0]!, callId: 'c5', atMs: firstEnd + 1 }, toDallas, destinations, random);
    assert.notEqual(later.disposition, 'busy');
  });

  it('fails every call to a destination taken down (38) at once, and answers again once it is back up', async () => {
    const sim = simulation({ customers: [customer('acme', { callsPerMinute: 120, destinations: [destination('dallas')] })] });
    await sim.run(60_000);
    assert.equal(count(sim.ingest.records, 'failed'), 0);

    sim.customer('acme').destinations.get('dallas')!.up = false;
    const before = sim.ingest.records.length;
    const arrivals = await sim.run(60_000);
    // The calls of that minute that ended are all failures, and nearly every arrival has ended by now.
    const during = sim.ingest.records.slice(before).filter((r) => r.startedAt >= '2024-03-05T16:01:00.000Z');
    assert.ok(during.length >= arrivals - 2, `${during.length} of ${arrivals} calls reported within the minute`);
    assert.ok(during.every((r) => r.disposition === 'failed' && r.releaseCause === 38 && r.destination === 'dallas' && r.answeredAt === null && r.durationSeconds <= 2));

    sim.customer('acme').destinations.get('dallas')!.up = true;
    await sim.run(120_000);
    const after = sim.ingest.records.filter((r) => r.startedAt >= '2024-03-05T16:02:00.000Z');
    assert.ok(count(after, 'answered') > 0);
    assert.equal(count(after, 'failed'), 0);
  });

  it('turns a flood past the agents into busy calls, and lowering the agents on the fly does the same', async () => {
    const sim = simulation({ customers: [customer('acme', { callsPerMinute: 120, destinations: [destination('dallas', { agents: 2, handleSeconds: 300 })] })] });
    await sim.run(5 * 60_000);
    const records = sim.ingest.records;
    // Two agents with five-minute calls cannot take two calls a second: nearly all callers hear busy.
    assert.ok(count(records, 'busy') > 0.9 * records.length, `${count(records, 'busy')} busy of ${records.length}`);
    assert.ok(records.filter((r) => r.disposition === 'busy').every((r) => r.releaseCause === 17));
    assert.equal(sim.customer('acme').destinations.get('dallas')!.busyAgents(sim.clock.now().getTime()), 2);

    const roomy = simulation({ customers: [customer('acme', { callsPerMinute: 60, destinations: [destination('dallas', { agents: 1000 })] })] });
    await roomy.run(60_000);
    assert.equal(count(roomy.ingest.records, 'busy'), 0);
    roomy.customer('acme').destinations.get('dallas')!.agents = 0;
    await roomy.run(60_000);
    const lastMinute = roomy.ingest.records.filter((r) => r.startedAt >= '2024-03-05T16:01:00.000Z');
    assert.ok(lastMinute.length > 0 && lastMinute.every((r) => r.disposition === 'busy'));
  });

  it('lets a small share of callers hang up while it rings (no-answer, 19), holding the agent meanwhile', async () => {
    const sim = simulation({ customers: [customer('acme', { callsPerMinute: 300 })], seed: 9 });
    await sim.run(10 * 60_000);
    const records = sim.ingest.records;
    const share = count(records, 'no-answer') / records.length;
    assert.ok(share > 0.015 && share < 0.05, `no-answer share ${share}`);
    for (const record of records.filter((r) => r.disposition === 'no-answer')) {
      assert.equal(record.releaseCause, Q850.NO_ANSWER);
      assert.equal(record.billableSeconds, 0);
      assert.ok(record.durationSeconds >= 2 && record.durationSeconds <= 6, `rang ${record.durationSeconds} s`);
    }
  });

  it('changes the rate on the fly: 0 stops the traffic', async () => {
    const sim = simulation({ customers: [customer('acme', { callsPerMinute: 120 })] });
    assert.ok((await sim.run(60_000)) > 60);
    sim.customer('acme').callsPerMinute = 0;
    assert.equal(await sim.run(60_000), 0);
  });
});
