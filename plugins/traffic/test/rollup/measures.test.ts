import assert from 'node:assert/strict';
import { measuresOf } from '../../src/rollup/measures.js';
import { Rollup } from '../../src/rollup/rollup.js';
import { sumCounts, ZERO_COUNTS } from '../../src/rollup/rollup-row.js';
import { callRecord } from '../support/index.js';

const unanswered = (disposition: string, releaseCause: number | null, sourceId: string) =>
  callRecord({ sourceId, disposition, releaseCause, answeredAt: null, billableSeconds: 0 });

describe('traffic: measures (domain spec §5.3)', () => {
  it('ASR, ACD and NER from the counts of ten calls', () => {
    const calls = [
      callRecord({ sourceId: 'a1' }), // 197 billable seconds
      callRecord({ sourceId: 'a2', endedAt: '2024-03-01T15:00:54.910Z', durationSeconds: null, billableSeconds: null }), // 60
      callRecord({ sourceId: 'a3', endedAt: '2024-03-01T15:01:54.910Z', durationSeconds: null, billableSeconds: null }), // 120
      callRecord({ sourceId: 'a4', endedAt: '2024-03-01T15:02:54.910Z', durationSeconds: null, billableSeconds: null }), // 180
      unanswered('busy', 17, 'b1'),
      unanswered('no-answer', 19, 'n1'),
      unanswered('failed', 21, 'r1'), // rejected by the called side: effective for NER
      unanswered('failed', 34, 'f1'),
      unanswered('failed', 41, 'f2'),
      unanswered('blocked', 52, 'x1'),
    ];
    const counts = sumCounts(Rollup.of(calls).rows('hour'));
    assert.deepEqual(
      { attempts: counts.attempts, answered: counts.answered, terminalRejects: counts.terminalRejects, billableSeconds: counts.billableSeconds },
      { attempts: 10, answered: 4, terminalRejects: 1, billableSeconds: 557 },
    );
    const measures = measuresOf(counts);
    assert.equal(measures.attempts, 10);
    assert.equal(measures.asr, 40); // 4 answered of 10 seizures
    assert.equal(measures.acdSeconds, 139.25); // 557 s over 4 answered calls
    assert.equal(measures.ner, 70); // answered 4 + busy 1 + no answer 1 + terminal reject 1, of 10
  });

  it('has no ratio without calls to make it from', () => {
    assert.deepEqual(measuresOf(ZERO_COUNTS), { attempts: 0, asr: null, acdSeconds: null, ner: null });
    const onlyBusy = measuresOf(sumCounts(Rollup.of([unanswered('busy', 17, 'b')]).rows('hour')));
    assert.deepEqual(onlyBusy, { attempts: 1, asr: 0, acdSeconds: null, ner: 100 });
  });
});
