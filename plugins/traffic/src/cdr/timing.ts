import type { FieldReader } from './field-reader.js';

/** Longest call accepted. Anything longer is a clock fault or a unit mix-up (milliseconds sent as seconds). */
export const MAX_CALL_SECONDS = 7 * 24 * 3600;

/**
 * Equipment counts whole seconds from its own finer clocks while its time stamps are truncated
 * to the second, so a stated duration may differ from the stamps' difference by one second.
 */
const TOLERANCE_SECONDS = 1;

export interface Timing {
  /** Instants in epoch milliseconds; undefined where the field already has an error, null where absent. */
  startedAt: number | null | undefined;
  answeredAt: number | null | undefined;
  endedAt: number | null | undefined;
  durationSeconds: number | null | undefined;
  billableSeconds: number | null | undefined;
}

/**
 * Checks the order of the times (start <= answer <= end) and that stated durations agree with
 * them; derives durations that were not stated. Returns the durations, or undefined after an error.
 */
export function checkTiming(fields: FieldReader, t: Timing): { durationSeconds: number; billableSeconds: number } | undefined {
  const { startedAt, answeredAt, endedAt } = t;
  if (startedAt == null || endedAt == null || answeredAt === undefined) return undefined;
  const before = fields.errors.length;
  if (endedAt < startedAt) fields.fail('endedAt', 'is before startedAt');
  else if (endedAt - startedAt > MAX_CALL_SECONDS * 1000) fields.fail('endedAt', `is more than ${MAX_CALL_SECONDS / 86400} days after startedAt`);
  if (answeredAt !== null && answeredAt < startedAt) fields.fail('answeredAt', 'is before startedAt');
  else if (answeredAt !== null && answeredAt > endedAt) fields.fail('answeredAt', 'is after endedAt');
  if (fields.errors.length > before) return undefined;

  const durationSeconds = agreeing(fields, 'durationSeconds', t.durationSeconds, (endedAt - startedAt) / 1000, 'startedAt to endedAt');
  let billableSeconds: number | undefined;
  if (answeredAt === null) {
    if (t.billableSeconds) fields.fail('billableSeconds', 'must be 0 for a call that was never answered (it has no answeredAt)');
    else billableSeconds = 0;
  } else {
    billableSeconds = agreeing(fields, 'billableSeconds', t.billableSeconds, (endedAt - answeredAt) / 1000, 'answeredAt to endedAt');
  }
  if (durationSeconds === undefined || billableSeconds === undefined) return undefined;
  if (billableSeconds > durationSeconds) {
    fields.fail('billableSeconds', `is ${billableSeconds}, more than durationSeconds (${durationSeconds})`);
    return undefined;
  }
  return { durationSeconds, billableSeconds };
}

/** The stated whole seconds when they agree with the span, the rounded span when none were stated. */
function agreeing(fields: FieldReader, field: string, stated: number | null | undefined, span: number, between: string): number | undefined {
  if (stated === undefined) return undefined;
  if (stated === null) return Math.round(span);
  if (Math.abs(stated - span) > TOLERANCE_SECONDS) {
    fields.fail(field, `is ${stated} but ${between} is ${formatSeconds(span)} s`);
    return undefined;
  }
  return stated;
}

const formatSeconds = (seconds: number) => (Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3));
