import assert from 'node:assert/strict';
import type { PercentNode, PlanNode, StateNode } from '../../src/plan/model.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { textOfValues, valuesFromText } from '../../src/web/branch-values.js';
import { addDecision, changeKind, removeBranch, removeDecision, setAction, splitBranch, updateBranch } from '../../src/web/tree-edit.js';
import { locate, nodeAt, pathOf } from '../../src/web/tree-paths.js';
import { OWNED, toCenter } from '../support/plans.js';

const ZONE = 'America/Chicago';
const errorsOf = (root: PlanNode) => validatePlan({ root }, { owned: OWNED }).filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.path}`);

describe('toll-free editor: changes to the tree', () => {
  it('adds a decision where an action was, keeping its routing on every branch, with ids unique in the plan', () => {
    const split = addDecision(toCenter('dallas'), [], 'percent', ZONE) as PercentNode;
    assert.equal(split.type, 'percent');
    assert.deepEqual(split.branches.map((b) => [b.percent, b.next.type === 'route' && b.next.destination]), [
      [50, { type: 'call-center', callCenterId: 'dallas' }],
      [50, { type: 'call-center', callCenterId: 'dallas' }],
    ]);
    assert.deepEqual(errorsOf(split), [], 'a valid plan at once');

    const byState = addDecision(split, [1], 'state', ZONE);
    const state = nodeAt(byState, [1]) as StateNode;
    assert.equal(state.type, 'state');
    assert.ok(state.other, 'with an Other branch');
    assert.deepEqual(errorsOf(byState), [`empty_branch ${pathOf([1])}.branches[0]`], 'its branch waits for values, named by the path the page places it with');
    assert.deepEqual(locate(`${pathOf([1])}.branches[0]`), { steps: [1], branch: 0 });
  });

  it('splits a percent branch in two without changing the total, and a value branch into an empty one after it', () => {
    const split = splitBranch(addDecision(toCenter('dallas'), [], 'percent', ZONE), [], 0) as PercentNode;
    assert.deepEqual(split.branches.map((b) => b.percent), [25, 25, 50]);
    const states = changeKind(split, [], 'state', ZONE) as StateNode;
    const filled = updateBranch(states, [], 0, valuesFromText('state', 'tx, ok')) as StateNode;
    assert.deepEqual(filled.branches[0]!.states, ['TX', 'OK']);
    assert.equal(textOfValues(filled.branches[0]!), 'TX, OK');
    const more = splitBranch(filled, [], 0) as StateNode;
    assert.deepEqual(more.branches.map((b) => b.states), [['TX', 'OK'], [], [], []]);
  });

  it('changes the kind of a decision keeping where its branches lead; a percent split takes Other as a branch', () => {
    const states = updateBranch(addDecision(toCenter('dallas'), [], 'state', ZONE), [], 0, { states: ['TX'] });
    const withTampa = setAction(states, ['other'], { type: 'route', destination: { type: 'call-center', callCenterId: 'tampa' } });
    const split = changeKind(withTampa, [], 'percent', ZONE) as PercentNode;
    assert.deepEqual(split.branches.map((b) => [b.percent, b.next.type === 'route' && b.next.destination.type === 'call-center' && b.next.destination.callCenterId]), [
      [50, 'dallas'],
      [50, 'tampa'],
    ]);
    const clock = changeKind(split, [], 'time-of-day', ZONE);
    assert.equal(clock.type === 'time-of-day' && clock.timeZone, ZONE);
  });

  it('removes a branch (never the last) and a decision (its first branch takes its place)', () => {
    const split = updateBranch(addDecision(toCenter('dallas'), [], 'percent', ZONE), [], 1, { percent: 30 }) as PercentNode;
    const one = removeBranch(split, [], 1) as PercentNode;
    assert.equal(one.branches.length, 1);
    assert.equal(removeBranch(one, [], 0), one);
    assert.deepEqual(removeDecision(split, []), split.branches[0]!.next);
  });
});
