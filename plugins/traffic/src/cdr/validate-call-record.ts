import type { FieldError } from '@switchboard/sdk';
import { toE164 } from '../phone/e164.js';
import { originOf } from '../reference/npa-lookup.js';
import { DIRECTIONS, DISPOSITIONS, SERVICES, type CallRecord, type CallRecordInput } from './call-record.js';
import { FieldReader } from './field-reader.js';
import { formatInstant, parseInstant } from './instants.js';
import { causeConflict } from './release-causes.js';
import { checkTiming, MAX_CALL_SECONDS } from './timing.js';

export type CallRecordValidation = { record: CallRecord } | { errors: FieldError[] };

const INPUT_FIELDS = new Set<string>([
  'source', 'sourceId', 'service', 'direction', 'callingNumber', 'dialedNumber',
  'startedAt', 'answeredAt', 'endedAt', 'durationSeconds', 'billableSeconds',
  'disposition', 'releaseCause', 'destination', 'routingPlanId', 'routingPlanVersion', 'callCenter', 'trunk',
] satisfies (keyof CallRecordInput)[]);

/** Fields of the stored record that a sender must not set, and why. */
const NOT_FROM_SENDERS: Readonly<Record<string, string>> = {
  tenantId: "is attributed by Switchboard from the numbers' owner; do not send it",
  origin: 'is derived from callingNumber; do not send it',
};

/**
 * Checks one call record as a sender gives it and returns the canonical record, or every problem
 * with it, each naming its field. Unknown fields are refused (a misspelt optional field would
 * otherwise vanish silently); numbers are normalised to E.164; times must carry their offset and
 * run start <= answer <= end; stated durations must agree with the times (within a second) and
 * are derived when left out; the disposition must agree with the answer time and the release
 * cause. The tenant is left null for the ingest to attribute.
 */
export function validateCallRecord(input: unknown): CallRecordValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { errors: [{ field: '', message: 'must be an object: one call record' }] };
  }
  const fields = new FieldReader(input as Record<string, unknown>);
  for (const key of Object.keys(input)) {
    if (NOT_FROM_SENDERS[key]) fields.fail(key, NOT_FROM_SENDERS[key]);
    else if (!INPUT_FIELDS.has(key)) fields.fail(key, 'is not a call record field');
  }

  const source = fields.text('source', { required: true, max: 64 });
  const sourceId = fields.text('sourceId', { required: true, max: 128 });
  const service = fields.oneOf('service', SERVICES);
  const direction = fields.oneOf('direction', DIRECTIONS);
  const callingNumber = phoneNumber(fields, 'callingNumber', false);
  const dialedNumber = phoneNumber(fields, 'dialedNumber', true);
  const startedAt = instant(fields, 'startedAt', true);
  const answeredAt = instant(fields, 'answeredAt', false);
  const endedAt = instant(fields, 'endedAt', true);
  const durationSeconds = fields.integer('durationSeconds', 0, MAX_CALL_SECONDS);
  const billableSeconds = fields.integer('billableSeconds', 0, MAX_CALL_SECONDS);
  const disposition = fields.oneOf('disposition', DISPOSITIONS);
  const releaseCause = fields.integer('releaseCause', 1, 127);
  const destination = fields.text('destination', { max: 64 });
  const routingPlanId = fields.text('routingPlanId', { max: 64 });
  const routingPlanVersion = fields.integer('routingPlanVersion', 1, 2_147_483_647);
  const callCenter = fields.text('callCenter', { max: 64 });
  const trunk = fields.text('trunk', { max: 64 });

  if (routingPlanVersion !== null && routingPlanVersion !== undefined && routingPlanId === null) {
    fields.fail('routingPlanVersion', 'needs routingPlanId: the version of which plan?');
  }
  const durations = checkTiming(fields, { startedAt, answeredAt, endedAt, durationSeconds, billableSeconds });
  if (disposition && answeredAt !== undefined) {
    if (disposition === 'answered' && answeredAt === null) fields.fail('answeredAt', 'is required for an answered call');
    if (disposition !== 'answered' && answeredAt !== null) {
      fields.fail('disposition', `is ${disposition}, but the call has an answeredAt; a call that was answered is "answered"`);
    }
  }
  if (disposition && releaseCause !== undefined) {
    const conflict = causeConflict(disposition, releaseCause);
    if (conflict) fields.fail('releaseCause', conflict);
  }

  if (fields.errors.length) return { errors: fields.errors };
  return {
    record: {
      source: source!,
      sourceId: sourceId!,
      tenantId: null,
      service: service!,
      direction: direction!,
      callingNumber: callingNumber!,
      dialedNumber: dialedNumber!,
      origin: originOf(callingNumber),
      startedAt: formatInstant(startedAt!),
      answeredAt: answeredAt === null ? null : formatInstant(answeredAt!),
      endedAt: formatInstant(endedAt!),
      durationSeconds: durations!.durationSeconds,
      billableSeconds: durations!.billableSeconds,
      disposition: disposition!,
      releaseCause: releaseCause!,
      destination: destination!,
      routingPlanId: routingPlanId!,
      routingPlanVersion: routingPlanVersion!,
      callCenter: callCenter!,
      trunk: trunk!,
    },
  };
}

function phoneNumber(fields: FieldReader, field: string, required: boolean): string | null | undefined {
  const text = fields.text(field, { required, max: 40 });
  if (text === null || text === undefined) return text;
  const e164 = toE164(text);
  if (e164 === null) fields.fail(field, 'is not a telephone number: use E.164 (+18005550100) or a North American form (800-555-0100)');
  return e164 ?? undefined;
}

function instant(fields: FieldReader, field: string, required: boolean): number | null | undefined {
  const text = fields.text(field, { required, max: 40 });
  if (text === null || text === undefined) return text;
  const parsed = parseInstant(text);
  if ('problem' in parsed) {
    fields.fail(field, parsed.problem);
    return undefined;
  }
  return parsed.ms;
}
