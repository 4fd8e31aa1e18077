import assert from 'node:assert/strict';
import type { FieldError } from '@switchboard/sdk';
import { validateCallRecord } from '../../src/cdr/validate-call-record.js';
import { callInput } from '../support/calls.js';

/** The errors of an input that must be refused. */
function errorsOf(input: unknown): FieldError[] {
  const result = validateCallRecord(input);
  assert.ok('errors' in result, `expected errors, got ${JSON.stringify(result)}`);
  return result.errors;
}

const fieldsOf = (errors: FieldError[]) => errors.map((error) => error.field).sort();

describe('traffic: validateCallRecord', () => {
  it('returns the canonical record: E.164 numbers, UTC times, derived origin, no tenant yet', () => {
    const result = validateCallRecord(
      callInput({ callingNumber: '(212) 555-0131', dialedNumber: '1-800-555-0199', startedAt: '2024-03-01T09:59:48.250-05:00' }),
    );
    assert.ok('record' in result, JSON.stringify(result));
    assert.deepEqual(result.record, {
      source: 'sbc-nyc-2',
      sourceId: 'call-1',
      tenantId: null,
      service: 'toll-free',
      direction: 'inbound',
      callingNumber: '+12125550131',
      dialedNumber: '+18005550199',
      origin: { npa: '212', state: 'NY', country: 'US', timeZone: 'America/New_York' },
      startedAt: '2024-03-01T14:59:48.250Z',
      answeredAt: '2024-03-01T14:59:54.910Z',
      endedAt: '2024-03-01T15:03:12.400Z',
      durationSeconds: 204,
      billableSeconds: 197,
      disposition: 'answered',
      releaseCause: 16,
      destination: '+13125550100',
      routingPlanId: 'acme-main',
      routingPlanVersion: 7,
      callCenter: 'chicago',
      trunk: 'carrier-east',
    });
  });

  it('derives durations left out, and takes the optional fields as absent or null', () => {
    const result = validateCallRecord({
      source: 'sim',
      sourceId: '1',
      service: 'other',
      direction: 'inbound',
      dialedNumber: '+13125550100',
      startedAt: '2024-03-01T15:00:00Z',
      endedAt: '2024-03-01T15:00:30.600Z',
      disposition: 'no-answer',
      callingNumber: null,
      releaseCause: null,
      trunk: '',
    });
    assert.ok('record' in result, JSON.stringify(result));
    assert.equal(result.record.durationSeconds, 31);
    assert.equal(result.record.billableSeconds, 0);
    assert.equal(result.record.callingNumber, null);
    assert.equal(result.record.origin, null);
    assert.equal(result.record.answeredAt, null);
    assert.equal(result.record.trunk, null);
    assert.equal(result.record.destination, null);
  });

  it('refuses unknown fields and the fields Switchboard sets itself, naming each', () => {
    const errors = errorsOf(callInput({ callCentre: 'chicago', tenantId: 'acme', origin: { state: 'NY' } }));
    assert.deepEqual(errors, [
      { field: 'callCentre', message: 'is not a call record field' },
      { field: 'tenantId', message: "is attributed by Switchboard from the numbers' owner; do not send it" },
      { field: 'origin', message: 'is derived from callingNumber; do not send it' },
    ]);
  });

  it('names every missing or mistyped field at once', () => {
    const errors = errorsOf({ sourceId: 42, service: 'fax', direction: 'sideways', dialedNumber: 8005550199, startedAt: 1709305188, disposition: 'ANSWERED' });
    assert.deepEqual(fieldsOf(errors), ['dialedNumber', 'direction', 'disposition', 'endedAt', 'service', 'source', 'sourceId', 'startedAt']);
    assert.equal(errors.find((e) => e.field === 'sourceId')!.message, 'must be a string, not a number');
    assert.equal(errors.find((e) => e.field === 'source')!.message, 'is required');
    assert.equal(errors.find((e) => e.field === 'disposition')!.message, 'must be one of answered, busy, no-answer, failed, blocked');
  });

  it('refuses what is not one record', () => {
    for (const input of [null, [], 'call', 7]) assert.deepEqual(errorsOf(input), [{ field: '', message: 'must be an object: one call record' }]);
  });

  it('refuses numbers that are not telephone numbers', () => {
    const errors = errorsOf(callInput({ callingNumber: '555-0131', dialedNumber: 's' }));
    assert.deepEqual(fieldsOf(errors), ['callingNumber', 'dialedNumber']);
    assert.match(errors[0]!.message, /is not a telephone number: use E\.164/);
  });

  it('refuses times without an offset, impossible dates, and text that is no time', () => {
    const errors = errorsOf(callInput({ startedAt: '2024-03-01 14:59:48', answeredAt: '2024-02-30T10:00:00Z', endedAt: 'yesterday' }));
    assert.deepEqual(errors, [
      { field: 'startedAt', message: 'has no time zone; add Z for UTC or an offset such as -05:00' },
      { field: 'answeredAt', message: 'is not a real date and time' },
      { field: 'endedAt', message: 'is not an ISO 8601 date-time such as 2024-03-01T14:15:02Z' },
    ]);
  });

  it('checks the order of the times', () => {
    assert.deepEqual(errorsOf(callInput({ endedAt: '2024-03-01T14:59:00Z' })), [
      { field: 'endedAt', message: 'is before startedAt' },
      { field: 'answeredAt', message: 'is after endedAt' },
    ]);
    assert.deepEqual(errorsOf(callInput({ answeredAt: '2024-03-01T14:59:40Z' })), [{ field: 'answeredAt', message: 'is before startedAt' }]);
    assert.deepEqual(errorsOf(callInput({ answeredAt: '2024-03-01T15:04:00Z' })), [{ field: 'answeredAt', message: 'is after endedAt' }]);
    assert.deepEqual(errorsOf(callInput({ endedAt: '2024-03-09T15:03:12Z', durationSeconds: null, billableSeconds: null })), [
      { field: 'endedAt', message: 'is more than 7 days after startedAt' },
    ]);
  });

  it('checks that stated durations agree with the times, within the second that truncated stamps allow', () => {
    assert.ok('record' in validateCallRecord(callInput({ durationSeconds: 205, billableSeconds: 198 })));
    assert.deepEqual(errorsOf(callInput({ durationSeconds: 240 })), [{ field: 'durationSeconds', message: 'is 240 but startedAt to endedAt is 204.150 s' }]);
    assert.deepEqual(errorsOf(callInput({ billableSeconds: 150 })), [{ field: 'billableSeconds', message: 'is 150 but answeredAt to endedAt is 197.490 s' }]);
    assert.deepEqual(errorsOf(callInput({ durationSeconds: -1 })), [{ field: 'durationSeconds', message: 'must be between 0 and 604800' }]);
    assert.deepEqual(errorsOf(callInput({ durationSeconds: 204.5 })), [{ field: 'durationSeconds', message: 'must be a whole number' }]);
  });

  it('keeps billable seconds for answered calls only', () => {
    const busy = callInput({ answeredAt: null, disposition: 'busy', releaseCause: 17, durationSeconds: null });
    assert.deepEqual(errorsOf(busy), [{ field: 'billableSeconds', message: 'must be 0 for a call that was never answered (it has no answeredAt)' }]);
    assert.ok('record' in validateCallRecord({ ...busy, billableSeconds: 0 }));
  });

  it('checks the disposition against the answer time', () => {
    assert.deepEqual(errorsOf(callInput({ answeredAt: null, billableSeconds: 0 })), [{ field: 'answeredAt', message: 'is required for an answered call' }]);
    assert.deepEqual(errorsOf(callInput({ disposition: 'no-answer' })), [
      { field: 'disposition', message: 'is no-answer, but the call has an answeredAt; a call that was answered is "answered"' },
    ]);
  });

  it('checks the disposition against the Q.850 release cause', () => {
    const unanswered = { answeredAt: null, billableSeconds: 0 };
    assert.deepEqual(errorsOf(callInput({ ...unanswered, disposition: 'busy', releaseCause: 34 })), [
      { field: 'releaseCause', message: 'a busy call is released with 17 (user busy), not 34' },
    ]);
    assert.deepEqual(errorsOf(callInput({ ...unanswered, disposition: 'no-answer', releaseCause: 17 })), [
      { field: 'releaseCause', message: 'a call not answered is released with 16 (caller gave up), 18 or 19, not 17' },
    ]);
    assert.deepEqual(errorsOf(callInput({ ...unanswered, disposition: 'failed', releaseCause: 19 })), [{ field: 'releaseCause', message: '19 means no-answer, not failed' }]);
    assert.deepEqual(errorsOf(callInput({ releaseCause: 128 })), [{ field: 'releaseCause', message: 'must be between 1 and 127' }]);
    for (const [disposition, releaseCause] of [['failed', 34], ['failed', 21], ['blocked', 21], ['blocked', 16], ['no-answer', 16], ['busy', null]] as const) {
      assert.ok('record' in validateCallRecord(callInput({ ...unanswered, disposition, releaseCause })), `${disposition} ${releaseCause}`);
    }
  });

  it('refuses a plan version without its plan, over-long and control-character text', () => {
    const errors = errorsOf(callInput({ routingPlanId: null, trunk: 'x'.repeat(65), callCenter: 'chi\u0000cago' }));
    assert.deepEqual(errors, [
      { field: 'callCenter', message: 'contains control characters' },
      { field: 'trunk', message: 'is longer than 64 characters' },
      { field: 'routingPlanVersion', message: 'needs routingPlanId: the version of which plan?' },
    ]);
  });
});
