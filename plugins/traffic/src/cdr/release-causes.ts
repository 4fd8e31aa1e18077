import type { Disposition } from './call-record.js';

/** The Q.850 release causes the portal's categories turn on (domain spec §5.2). */
export const Q850 = {
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  CALL_REJECTED: 21,
  NORMAL_CIRCUIT_CONGESTION: 34,
  OUTGOING_CALL_BARRED: 52,
} as const;

/** SIP final responses that mean the same as those causes, for equipment that reports SIP codes. */
const SIP_BUSY = new Set([486, 600]);
const SIP_NO_ANSWER = new Set([408, 480, 487]);

export interface UnansweredCall {
  /** Q.850 cause, when known. */
  cause: number | null;
  /** SIP final response, when known. */
  sipStatus?: number | null;
  /** True when this network refused the call (sent the rejection) rather than received it. */
  refusedHere?: boolean;
}

/**
 * The category of a call that was never answered (domain spec §5.2):
 * blocked - refused by our own policy (21 call rejected or 52 outgoing call barred, sent by us);
 * busy - 17 user busy;
 * no-answer - 18 no user responding, 19 no answer, or the caller gave up first (16 normal
 *   clearing before answer, as ISUP reports an abandoned call);
 * failed - everything else (congestion, unallocated number, network failures, far-end rejects).
 * The SIP response decides only when no Q.850 cause is known (486/600 busy; 408/480/487 no
 * answer), so that the category never contradicts the cause stored with it.
 */
export function classifyUnanswered({ cause, sipStatus = null, refusedHere = false }: UnansweredCall): Disposition {
  if (cause !== null) {
    if (refusedHere && (cause === Q850.CALL_REJECTED || cause === Q850.OUTGOING_CALL_BARRED)) return 'blocked';
    if (cause === Q850.USER_BUSY) return 'busy';
    if (cause === Q850.NO_USER_RESPONSE || cause === Q850.NO_ANSWER || cause === Q850.NORMAL_CLEARING) return 'no-answer';
    return 'failed';
  }
  if (sipStatus !== null && SIP_BUSY.has(sipStatus)) return 'busy';
  if (sipStatus !== null && SIP_NO_ANSWER.has(sipStatus)) return 'no-answer';
  return 'failed';
}

/** Causes a busy or no-answer call may carry, and the ones that name a category other than failed. */
const BUSY_CAUSES: readonly number[] = [Q850.USER_BUSY];
const NO_ANSWER_CAUSES: readonly number[] = [Q850.NORMAL_CLEARING, Q850.NO_USER_RESPONSE, Q850.NO_ANSWER];
const NOT_FAILED_CAUSES: readonly number[] = [Q850.USER_BUSY, Q850.NO_USER_RESPONSE, Q850.NO_ANSWER];

/**
 * Why a disposition and a release cause contradict each other, or null when they agree. Only the
 * unambiguous pairs are checked: answered and blocked calls may end with any cause (a dropped
 * call, an announcement), and a failed call with anything but busy or no-answer.
 */
export function causeConflict(disposition: Disposition, cause: number | null): string | null {
  if (cause === null) return null;
  if (disposition === 'busy' && !BUSY_CAUSES.includes(cause)) return `a busy call is released with 17 (user busy), not ${cause}`;
  if (disposition === 'no-answer' && !NO_ANSWER_CAUSES.includes(cause)) {
    return `a call not answered is released with 16 (caller gave up), 18 or 19, not ${cause}`;
  }
  if (disposition === 'failed' && NOT_FAILED_CAUSES.includes(cause)) {
    return `${cause} means ${cause === Q850.USER_BUSY ? 'busy' : 'no-answer'}, not failed`;
  }
  return null;
}
