import assert from 'node:assert/strict';
import { createAjv, describeErrors } from '@switchboard/host/dist/validation/ajv.js';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import { diffPlans } from '../../src/plan/diff/plan-diff.js';
import { MAX_LABEL_LENGTH } from '../../src/plan/limits.js';
import type { PlanNode } from '../../src/plan/model.js';
import { ROUTING_PLAN_SCHEMA } from '../../src/plan/plan-schema.js';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { block, call, plan, toCenter } from '../support/plans.js';

// A network manager's own short names for the nodes of a plan ("East coast", "Overflow"): kept in
// the plan as it is stored, bounded in length by its schema (which names the node's path), never
// changing where a call goes, and named in the diff between two versions.

const split = (labels: { split?: string; dallas?: string; tampa?: string }): PlanNode => ({
  id: 'split',
  type: 'percent',
  ...(labels.split ? { label: labels.split } : {}),
  branches: [
    { percent: 70, next: { ...toCenter('dallas'), ...(labels.dallas ? { label: labels.dallas } : {}) } },
    { percent: 30, next: { ...toCenter('tampa'), ...(labels.tampa ? { label: labels.tampa } : {}) } },
  ],
});

describe('toll-free: node labels', () => {
  // An ajv of its own: the shared one takes the schema's $id once, and other suites compile it there.
  const validate = createAjv().compile({ type: 'object', required: ['plan'], properties: { plan: ROUTING_PLAN_SCHEMA } });

  it(`takes a label of up to ${MAX_LABEL_LENGTH} characters on decisions and actions`, () => {
    const labelled = plan(split({ split: 'East coast', dallas: 'x'.repeat(MAX_LABEL_LENGTH) }));
    assert.ok(validate({ plan: labelled }), JSON.stringify(validate.errors));
    assert.deepEqual(validatePlan(labelled), []);
  });

  it('refuses a longer one, naming the node by its path', () => {
    const tooLong = plan(split({ split: 'East coast', tampa: 'x'.repeat(MAX_LABEL_LENGTH + 1) }));
    assert.equal(validate({ plan: tooLong }), false);
    assert.deepEqual(describeErrors(validate.errors), [{ field: 'plan.root.branches.1.next.label', message: `must NOT have more than ${MAX_LABEL_LENGTH} characters` }]);
  });

  it('changes nothing about where calls go', () => {
    const plain = compilePlan(plan(split({})));
    const labelled = compilePlan(plan(split({ split: 'Share', dallas: 'Main center', tampa: 'Overflow' })));
    for (let i = 0; i < 200; i++) {
      const query = call({ callId: `call-${i}` });
      assert.equal(labelled.decide(query).action.id, plain.decide(query).action.id);
    }
  });

  it('says in the diff when a label is given, changed or removed, on the node it concerns', () => {
    const before = plan({ id: 'hours', type: 'time-of-day', timeZone: 'America/New_York', label: 'After hours', branches: [{ ranges: [{ from: '08:00', to: '17:00' }], next: split({ tampa: 'Overflow' }) }], other: block() });
    const after = plan({ id: 'hours', type: 'time-of-day', timeZone: 'America/New_York', label: 'Office hours', branches: [{ ranges: [{ from: '08:00', to: '17:00' }], next: split({ split: 'East coast' }) }], other: block() });
    assert.deepEqual(
      diffPlans(before, after).map(({ kind, nodeId, path, message }) => ({ kind, nodeId, path, message })),
      [
        { kind: 'node-changed', nodeId: 'hours', path: 'root', message: 'Label changed from "After hours" to "Office hours".' },
        { kind: 'node-changed', nodeId: 'split', path: 'root.branches[0].next', message: 'Label "East coast" given.' },
        { kind: 'node-changed', nodeId: 'to-tampa', path: 'root.branches[0].next.branches[1].next', message: 'Label "Overflow" removed.' },
      ],
    );
    assert.deepEqual(diffPlans(after, structuredClone(after)), []);
  });
});
