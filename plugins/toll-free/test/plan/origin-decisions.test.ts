import assert from 'node:assert/strict';
import { compilePlan } from '../../src/plan/compile/compile-plan.js';
import { call, plan, toCenter } from '../support/plans.js';

// Origin nodes decide by the calling number's area code (and what the NANP table says of it) or
// by the LATA the switch reports. Whatever tells nothing (no number, a foreign one, an area code
// not listed) takes Other.

describe('toll-free: routing decisions by origin', () => {
  const byNpa = compilePlan(
    plan({ id: 'npa', type: 'npa', branches: [{ npas: ['212', '718'], next: toCenter('nyc') }, { npas: ['305'], next: toCenter('miami') }], other: toCenter('dallas') }),
  );
  const to = (decision: { action: { id: string } }) => decision.action.id;

  it('takes the branch listing the calling number\'s area code, and records the path', () => {
    const decision = byNpa.decide(call({ callingNumber: '+17185550199' }));
    assert.equal(to(decision), 'to-nyc');
    assert.deepEqual(decision.path, [{ nodeId: 'npa', branch: 0 }]);
    assert.equal(to(byNpa.decide(call({ callingNumber: '+13055550100' }))), 'to-miami');
  });

  it('sends an area code no branch lists, a withheld number and a foreign number to Other', () => {
    for (const callingNumber of ['+14155550100', null, '+442079460958', '+1212555012', 'anonymous']) {
      const decision = byNpa.decide(call({ callingNumber }));
      assert.equal(to(decision), 'to-dallas', String(callingNumber));
      assert.deepEqual(decision.path, [{ nodeId: 'npa', branch: 'other' }]);
    }
  });

  it('decides by NPA-NXX on the first six digits', () => {
    const compiled = compilePlan(
      plan({ id: 'nxx', type: 'npa-nxx', branches: [{ prefixes: ['212555'], next: toCenter('midtown') }], other: toCenter('dallas') }),
    );
    assert.equal(to(compiled.decide(call({ callingNumber: '+12125550000' }))), 'to-midtown');
    assert.equal(to(compiled.decide(call({ callingNumber: '+12125560000' }))), 'to-dallas');
    assert.equal(to(compiled.decide(call({ callingNumber: '+17185550000' }))), 'to-dallas');
  });

  it('decides by the state and the country of the area code, from the NANP table', () => {
    const compiled = compilePlan(
      plan({
        id: 'state',
        type: 'state',
        branches: [{ states: ['TX'], next: toCenter('dallas') }, { states: ['ON', 'QC'], next: toCenter('toronto') }],
        other: {
          id: 'country',
          type: 'country',
          branches: [{ countries: ['CA'], next: toCenter('vancouver') }, { countries: ['JM', 'BS'], next: toCenter('caribbean') }],
          other: toCenter('tampa'),
        },
      }),
    );
    assert.equal(to(compiled.decide(call({ callingNumber: '+12145550100' }))), 'to-dallas', '214 is Dallas, TX');
    assert.equal(to(compiled.decide(call({ callingNumber: '+14165550100' }))), 'to-toronto', '416 is Toronto, ON');
    assert.equal(to(compiled.decide(call({ callingNumber: '+16045550100' }))), 'to-vancouver', '604 is BC, Canada');
    const jamaica = compiled.decide(call({ callingNumber: '+18765550100' }));
    assert.equal(to(jamaica), 'to-caribbean', '876 is Jamaica');
    assert.deepEqual(jamaica.path, [{ nodeId: 'state', branch: 'other' }, { nodeId: 'country', branch: 1 }]);
    assert.equal(to(compiled.decide(call({ callingNumber: '+12125550100' }))), 'to-tampa', 'New York is in neither');
    assert.equal(to(compiled.decide(call({ callingNumber: '+33142685300' }))), 'to-tampa', 'Paris is outside the NANP');
    assert.equal(to(compiled.decide(call({ callingNumber: '+18005550100' }))), 'to-tampa', 'an 800 number says nothing about a place');
  });

  it('decides by the LATA the switch reports, and takes Other without one', () => {
    const compiled = compilePlan(plan({ id: 'lata', type: 'lata', branches: [{ latas: ['132'], next: toCenter('nyc') }], other: toCenter('dallas') }));
    assert.equal(to(compiled.decide(call({ originLata: '132' }))), 'to-nyc');
    assert.equal(to(compiled.decide(call({ originLata: '133' }))), 'to-dallas');
    assert.equal(to(compiled.decide(call({}))), 'to-dallas');
  });

  it('hands out the plan\'s action frozen, so a caller cannot change the plan through a decision', () => {
    const decision = byNpa.decide(call({}));
    assert.ok(Object.isFrozen(decision.action));
    assert.throws(() => {
      (decision.action as { id: string }).id = 'changed';
    }, TypeError);
  });
});
