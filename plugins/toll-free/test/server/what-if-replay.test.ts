import assert from 'node:assert/strict';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import { ConcurrencyTracker, MAX_STRETCHES } from '../../src/server/what-if/concurrency.js';
import { Outcomes } from '../../src/server/what-if/outcomes.js';
import { replayPlan, type ReplayedCall } from '../../src/server/what-if/replay-plan.js';
import { split } from '../support/plan-trees.js';

const T0 = Date.parse('2026-03-02T15:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

async function* stream(calls: ReplayedCall[], read: { count: number }): AsyncGenerator<ReplayedCall> {
  for (const call of calls) {
    read.count++;
    yield call;
  }
}

const customer = { tenantId: 'acme', numbers: ['+18005550100'], callCenters: [{ id: 'dallas', name: 'Dallas', agents: 1 }, { id: 'tampa', name: 'Tampa' }], announcements: [] };

describe('toll-free what-if: the replay and its concurrency', () => {
  it('counts calls held at once per call center, with the stretches over capacity ending when the call that brought it back ended', () => {
    const tracker = new ConcurrencyTracker(1);
    tracker.add(T0, 60); // alone
    tracker.add(T0 + 60_000, 30); // starts as the first ends: alone again
    tracker.add(T0 + 70_000, 100); // a second call: over capacity until the earlier one ends at 90 s
    tracker.add(T0 + 200_000, 10); // alone
    const figures = tracker.finish();
    assert.deepEqual(figures, { peak: 2, peakAt: at(70), callsOverCapacity: 1, overCapacity: [{ from: at(70), to: at(90), peak: 2 }], overCapacityStretches: 1 });

    const unknown = new ConcurrencyTracker(null);
    unknown.add(T0, 60);
    unknown.add(T0, 60);
    assert.deepEqual(unknown.finish(), { peak: 2, peakAt: at(0), callsOverCapacity: 0, overCapacity: [], overCapacityStretches: 0 });
  });

  it(`lists the first ${MAX_STRETCHES} stretches over capacity and counts them all`, () => {
    const tracker = new ConcurrencyTracker(0);
    for (let n = 0; n < MAX_STRETCHES + 5; n++) tracker.add(T0 + n * 10_000, 1);
    const figures = tracker.finish();
    assert.equal(figures.overCapacity.length, MAX_STRETCHES);
    assert.equal(figures.overCapacityStretches, MAX_STRETCHES + 5);
    assert.equal(figures.callsOverCapacity, MAX_STRETCHES + 5);
  });

  it('gives back what happened when the plan that routed the calls is replayed with their call ids, and stops reading at the limit', async () => {
    const plan = compilePlan(split({ dallas: 70, tampa: 30 }));
    const calls: ReplayedCall[] = Array.from({ length: 400 }, (_, n) => {
      const callId = `sim-${n}`;
      const action = plan.decide({ dialedNumber: '+18005550100', callingNumber: '+12145550111', at: new Date(at(n)), callId }).action;
      const center = action.type === 'route' && action.destination.type === 'call-center' ? action.destination.callCenterId : null;
      return { callId, dialedNumber: '+18005550100', callingNumber: '+12145550111', startedAt: at(n), destination: center, callCenter: center, durationSeconds: 5, disposition: 'answered' };
    });
    const options = { outcomes: new Outcomes(customer), callCenters: [{ id: 'dallas', agents: 1 }, { id: 'tampa', agents: null }], limit: 1_000 };
    const all = await replayPlan(plan, stream(calls, { count: 0 }), options);
    assert.equal(all.changed, 0);
    assert.ok(all.destinations.every((d) => d.actual === d.draft), JSON.stringify(all.destinations));
    assert.ok(Math.abs(all.destinations.find((d) => d.callCenterId === 'dallas')!.draft - 280) <= 25, 'about 70%');
    assert.deepEqual(all.callCenters.map((c) => [c.callCenterId, c.agents, c.exceeded]), [['dallas', 1, true], ['tampa', null, false]]);

    const read = { count: 0 };
    const cut = await replayPlan(plan, stream(calls, read), { ...options, limit: 100 });
    assert.deepEqual([cut.calls, cut.truncated, cut.replayedTo], [100, true, at(99)]);
    assert.equal(read.count, 101, 'one call past the limit is read to know there are more, and no more');
  });
});
