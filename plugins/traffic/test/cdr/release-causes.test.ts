import assert from 'node:assert/strict';
import { causeConflict, classifyUnanswered } from '../../src/cdr/release-causes.js';

describe('traffic: release causes and dispositions (domain spec §5.2)', () => {
  it('classifies unanswered calls by their Q.850 cause', () => {
    assert.equal(classifyUnanswered({ cause: 17 }), 'busy');
    assert.equal(classifyUnanswered({ cause: 18 }), 'no-answer');
    assert.equal(classifyUnanswered({ cause: 19 }), 'no-answer');
    assert.equal(classifyUnanswered({ cause: 16 }), 'no-answer', 'cleared normally before answer: the caller gave up');
    assert.equal(classifyUnanswered({ cause: 34 }), 'failed');
    assert.equal(classifyUnanswered({ cause: 1 }), 'failed');
    assert.equal(classifyUnanswered({ cause: 21 }), 'failed', 'a reject received from the far end');
  });

  it('calls a 21 or 52 sent by this network blocked', () => {
    assert.equal(classifyUnanswered({ cause: 21, refusedHere: true }), 'blocked');
    assert.equal(classifyUnanswered({ cause: 52, refusedHere: true }), 'blocked');
    assert.equal(classifyUnanswered({ cause: 17, refusedHere: true }), 'busy');
  });

  it('falls back on the SIP response only when there is no cause, so that category and cause never disagree', () => {
    assert.equal(classifyUnanswered({ cause: null, sipStatus: 486 }), 'busy');
    assert.equal(classifyUnanswered({ cause: null, sipStatus: 600 }), 'busy');
    assert.equal(classifyUnanswered({ cause: null, sipStatus: 480 }), 'no-answer');
    assert.equal(classifyUnanswered({ cause: null, sipStatus: 487 }), 'no-answer');
    assert.equal(classifyUnanswered({ cause: null, sipStatus: 503 }), 'failed');
    assert.equal(classifyUnanswered({ cause: 34, sipStatus: 486 }), 'failed');
    for (const cause of [1, 16, 17, 18, 19, 21, 34, 41, 52, 127]) {
      for (const refusedHere of [false, true]) {
        assert.equal(causeConflict(classifyUnanswered({ cause, refusedHere }), cause), null, `cause ${cause}`);
      }
    }
  });
});
