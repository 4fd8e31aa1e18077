import type { RollupCounts } from './rollup-row.js';

/** The traffic measures of domain spec §5.3, from rollup counts of any scope (a row, a day, a number). */
export interface TrafficMeasures {
  attempts: number;
  /**
   * Answer-seizure ratio, percent: answered calls ÷ attempts (seizures) × 100.
   * Null without attempts, where a ratio means nothing.
   */
  asr: number | null;
  /** Average call duration, seconds: billable seconds of answered calls ÷ answered calls. Null without answered calls. */
  acdSeconds: number | null;
  /**
   * Network effectiveness ratio (ITU-T E.425), percent: (answered + busy + no answer + terminal
   * rejects) ÷ attempts × 100. The network did its part when the called side answered, was
   * busy, did not answer or refused; only the other outcomes (failed, and blocked, which ends a
   * seizure without completing it) count against it. Null without attempts.
   */
  ner: number | null;
}

export function measuresOf(counts: Readonly<RollupCounts>): TrafficMeasures {
  const { attempts, answered } = counts;
  const effective = answered + counts.busy + counts.noAnswer + counts.terminalRejects;
  return {
    attempts,
    asr: attempts ? (answered / attempts) * 100 : null,
    acdSeconds: answered ? counts.billableSeconds / answered : null,
    ner: attempts ? (effective / attempts) * 100 : null,
  };
}
