import assert from 'node:assert/strict';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import type { PlanNode } from '../../src/plan/model.js';
import { call, plan, toCenter } from '../support/plans.js';

// Percent nodes draw from a hash of the call id salted with the node id: exact over many calls,
// the same for the same call, independent between nodes.

const CALLS = 100_000;
/** Call ids as a switch makes them: a prefix and a counter, so neighbours differ in a digit or two. */
const callIds = Array.from({ length: CALLS }, (_, i) => `a84c1f-${i}@sbc.example.net`);

function shares(root: PlanNode): Map<string, number> {
  const compiled = compilePlan(plan(root));
  const counts = new Map<string, number>();
  for (const callId of callIds) {
    const id = compiled.decide(call({ callId })).action.id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return new Map([...counts].map(([id, n]) => [id, (n / CALLS) * 100]));
}

const assertNear = (actual: number | undefined, target: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - target) <= 1, `${what}: ${actual?.toFixed(2)}% where ${target}% was asked`);

describe('toll-free: percent allocation', () => {
  const split = (id: string, a: number, b: number, next: [PlanNode, PlanNode]): PlanNode => ({
    id,
    type: 'percent',
    branches: [{ percent: a, next: next[0] }, { percent: b, next: next[1] }],
  });

  it('holds a 70/30 split within 1% over 100,000 call ids', () => {
    const got = shares(split('split', 70, 30, [toCenter('dallas'), toCenter('tampa')]));
    assertNear(got.get('to-dallas'), 70, 'dallas');
    assertNear(got.get('to-tampa'), 30, 'tampa');
  });

  it('holds uneven many-way splits, and never takes a 0% branch', () => {
    const got = shares({
      id: 'five',
      type: 'percent',
      branches: [
        { percent: 1, next: toCenter('a') },
        { percent: 0, next: toCenter('never') },
        { percent: 49, next: toCenter('b') },
        { percent: 17, next: toCenter('c') },
        { percent: 33, next: toCenter('d') },
      ],
    });
    assertNear(got.get('to-a'), 1, 'a');
    assertNear(got.get('to-b'), 49, 'b');
    assertNear(got.get('to-c'), 17, 'c');
    assertNear(got.get('to-d'), 33, 'd');
    assert.equal(got.get('to-never'), undefined);
  });

  it('sends a repeated call id the same way every time, also after compiling the plan again', () => {
    const root = split('split', 50, 50, [toCenter('dallas'), toCenter('tampa')]);
    const first = compilePlan(plan(root));
    const again = compilePlan(plan(structuredClone(root)));
    for (const callId of callIds.slice(0, 1_000)) {
      const taken = first.decide(call({ callId })).action.id;
      assert.equal(first.decide(call({ callId, at: '2027-01-01T00:00:00Z' })).action.id, taken);
      assert.equal(again.decide(call({ callId })).action.id, taken);
    }
  });

  it('draws independently at nested percent nodes: a 50/50 under a 50/50 gives four quarters', () => {
    const got = shares(
      split('outer', 50, 50, [split('inner-a', 50, 50, [toCenter('aa'), toCenter('ab')]), split('inner-b', 50, 50, [toCenter('ba'), toCenter('bb')])]),
    );
    for (const id of ['to-aa', 'to-ab', 'to-ba', 'to-bb']) assertNear(got.get(id), 25, id);
  });

  it('salts the draw with the node id: the same split on another node sends calls differently', () => {
    const one = compilePlan(plan(split('one', 50, 50, [toCenter('x'), toCenter('y')])));
    const two = compilePlan(plan(split('two', 50, 50, [toCenter('x'), toCenter('y')])));
    const same = callIds.slice(0, 10_000).filter((callId) => one.decide(call({ callId })).action.id === two.decide(call({ callId })).action.id).length;
    assert.ok(Math.abs(same - 5_000) < 300, `${same} of 10,000 calls agree; independent draws agree about half the time`);
  });
});
