import assert from 'node:assert/strict';
import { compileSchema, describeErrors } from '@switchboard/host/dist/validation/ajv.js';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import { RoutingTable } from '../../src/plan/compile/routing-table.js';
import { MAX_BRANCHES_PER_NODE, MAX_PLAN_DEPTH, MAX_PLAN_NODES, MAX_VALUES_PER_NODE } from '../../src/plan/limits.js';
import type { PlanNode } from '../../src/plan/model.js';
import { ROUTING_PLAN_SCHEMA } from '../../src/plan/plan-schema.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { call, plan, toCenter } from '../support/plans.js';

/** Percent nodes nested `depth` deep, each 100% to the next, ending in a route. */
function chain(depth: number): PlanNode {
  let node: PlanNode = toCenter('end');
  for (let level = depth; level >= 1; level--) node = { id: `level-${level}`, type: 'percent', branches: [{ percent: 100, next: node }] };
  return node;
}

describe('toll-free: plan limits', () => {
  it(`nests up to ${MAX_PLAN_DEPTH} decisions, and names the first decision past that`, () => {
    assert.deepEqual(validatePlan(plan(chain(MAX_PLAN_DEPTH))), []);
    assert.equal(compilePlan(plan(chain(MAX_PLAN_DEPTH))).decide(call({})).path.length, MAX_PLAN_DEPTH);
    const problems = validatePlan(plan(chain(MAX_PLAN_DEPTH + 1)));
    assert.deepEqual(problems.map((p) => [p.code, p.nodeId]), [['depth_limit', `level-${MAX_PLAN_DEPTH + 1}`]]);
    assert.equal(problems[0]!.path, `root${'.branches[0].next'.repeat(MAX_PLAN_DEPTH)}`);
  });

  it('stops reading a plan nested without end rather than overflowing the stack', () => {
    assert.deepEqual(validatePlan(plan(chain(100_000))).map((p) => p.code), ['depth_limit']);
  });

  it(`takes at most ${MAX_PLAN_NODES} nodes, ${MAX_BRANCHES_PER_NODE} branches a node and ${MAX_VALUES_PER_NODE} values a node`, () => {
    const wide = (branches: number, valuesPerBranch: number): PlanNode => ({
      id: 'wide',
      type: 'lata',
      branches: Array.from({ length: branches }, (_, i) => ({
        latas: Array.from({ length: valuesPerBranch }, (_, k) => String((i * valuesPerBranch + k) % 1000).padStart(3, '0')),
        next: toCenter(`c${i}`),
      })),
      other: toCenter('other'),
    });
    const codes = (root: PlanNode) => validatePlan(plan(root)).filter((p) => p.severity === 'error' && p.code.endsWith('_limit')).map((p) => p.code);
    assert.deepEqual(codes(wide(MAX_BRANCHES_PER_NODE, 1)), []);
    assert.deepEqual(codes(wide(MAX_BRANCHES_PER_NODE + 1, 1)), ['branch_limit']);
    assert.deepEqual(codes(wide(1, MAX_VALUES_PER_NODE + 1)), ['value_limit']);
    // Five percent nodes of 999 branches each under a root: 5,006 nodes, no node too wide.
    const fan = (id: string): PlanNode => ({
      id,
      type: 'percent',
      branches: Array.from({ length: MAX_BRANCHES_PER_NODE }, (_, i) => ({ percent: i ? 0 : 100, next: toCenter(`${id}-${i}`) })),
    });
    const big: PlanNode = { id: 'big', type: 'percent', branches: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ percent: 20, next: fan(id) })) };
    assert.deepEqual(codes(big), ['size_limit']);
  });
});

describe('toll-free: the plan\'s JSON schema', () => {
  const sound: PlanNode = {
    id: 'states',
    type: 'state',
    label: 'Region',
    branches: [{ states: ['TX'], next: { id: 'h', type: 'time-of-day', timeZone: 'America/Chicago', branches: [{ ranges: [{ from: '08:00', to: '17:00' }], next: toCenter('dallas') }], other: { id: 'closed', type: 'announce', announcementId: 'closed' } } }],
    other: { id: 'split', type: 'percent', branches: [{ percent: 100, next: { id: 'sip', type: 'route', destination: { type: 'sip', uri: 'sip:a@b.example' } } }] },
  };

  it('takes a plan of every node type, and a draft still missing its Other branches', () => {
    const validate = compileSchema(ROUTING_PLAN_SCHEMA);
    assert.ok(validate(plan(sound)), JSON.stringify(validate.errors));
    const draft = structuredClone(sound) as { other?: unknown };
    delete draft.other;
    assert.ok(validate(plan(draft as PlanNode)), JSON.stringify(validate.errors));
  });

  it('refuses a wrong shape, naming the field, also embedded in a route\'s body schema', () => {
    const validate = compileSchema({ type: 'object', required: ['plan'], properties: { plan: ROUTING_PLAN_SCHEMA } });
    const wrong = structuredClone(sound) as unknown as { branches: Array<{ next: Record<string, unknown> }>; other: Record<string, unknown> };
    wrong.branches[0]!.next.colour = 'red';
    wrong.other.type = 'teleport';
    assert.equal(validate({ plan: plan(wrong as unknown as PlanNode) }), false);
    assert.deepEqual(describeErrors(validate.errors), [
      { field: 'plan.root.branches.0.next.colour', message: 'is not an allowed field' },
      { field: 'plan.root.other.type', message: 'must be one of: "npa", "npa-nxx", "lata", "state", "country", "time-of-day", "day-of-week", "date", "percent", "route", "announce", "block"' },
    ]);
    const percentWithOther = { id: 'p', type: 'percent', branches: [{ percent: 100, next: toCenter('a') }], other: toCenter('b') };
    assert.equal(validate({ plan: { root: percentWithOther } }), false, 'a percent node has no Other');
  });
});

describe('toll-free: the routing table', () => {
  it('routes by the dialed number to the plan attached to it, and answers null for a number without one', () => {
    const east = compilePlan(plan(toCenter('tampa')));
    const west = compilePlan(plan(toCenter('dallas')));
    const table = new RoutingTable([
      { numbers: ['+18005550100', '+18885550100'], plan: east },
      { numbers: ['+18775550100'], plan: west },
    ]);
    assert.equal(table.route(call({ dialedNumber: '+18885550100' }))?.action.id, 'to-tampa');
    assert.equal(table.route(call({ dialedNumber: '+18775550100' }))?.action.id, 'to-dallas');
    assert.equal(table.route(call({ dialedNumber: '+18665550100' })), null);
  });
});
