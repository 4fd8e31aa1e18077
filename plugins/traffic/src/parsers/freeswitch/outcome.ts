import type { Disposition } from '../../cdr/call-record.js';
import { classifyUnanswered } from '../../cdr/release-causes.js';
import type { CdrDocument } from './cdr-document.js';
import { FREESWITCH_OWN, FREESWITCH_Q850 } from './hangup-causes.js';

export interface Outcome {
  disposition: Disposition;
  releaseCause: number | null;
}

/**
 * The category and Q.850 cause of a FreeSWITCH call leg from `hangup_cause` (the cause's name),
 * `hangup_cause_q850`, `sip_term_status` and `sip_hangup_disposition` (`send_refuse` when this
 * switch refused the call, which is how a block by our own policy shows).
 */
export function freeswitchOutcome(cdr: CdrDocument, answered: boolean): Outcome {
  const name = cdr.variable('hangup_cause');
  const own = name === undefined ? undefined : FREESWITCH_OWN[name];
  let releaseCause: number | null;
  if (name !== undefined && FREESWITCH_Q850[name] !== undefined) releaseCause = FREESWITCH_Q850[name];
  else if (own) releaseCause = own.cause;
  else if (name === undefined) releaseCause = q850(cdr.integer('hangup_cause_q850'));
  // A cause name this table does not know is one of FreeSWITCH's own, whose hangup_cause_q850 is always 16.
  else releaseCause = null;

  if (answered) return { disposition: 'answered', releaseCause };
  if (own) return { disposition: own.unanswered, releaseCause };
  if (name !== undefined && releaseCause === null) return { disposition: 'failed', releaseCause };
  const sipStatus = cdr.integer('sip_term_status') ?? null;
  const refusedHere = cdr.variable('sip_hangup_disposition') === 'send_refuse';
  return { disposition: classifyUnanswered({ cause: releaseCause, sipStatus, refusedHere }), releaseCause };
}

const q850 = (value: number | null | undefined) => (value !== null && value !== undefined && value >= 1 && value <= 127 ? value : null);
