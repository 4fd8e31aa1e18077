import type { FieldError } from '@switchboard/sdk';
import type { CallRecord } from '../cdr/call-record.js';
import type { ParsedRecord, RecordPosition } from '../parsers/parsed-record.js';
import type { AttributedCall } from './call-rows.js';

/** Why a record of a batch was not stored: it is not a valid record, or no customer of the sender's owns its number. */
export type RefusalCode = 'invalid_record' | 'unknown_number';

/** One refused record: where it was in the batch, why, and every problem with it. */
export type Refusal = RecordPosition & { code: RefusalCode; errors: FieldError[] };

/**
 * The number that says whose call a record is: the dialed number of a call coming in (the
 * customer's toll-free or direct number), the calling number of a call the customer placed.
 */
export function attributionNumber(record: CallRecord): { field: 'dialedNumber' | 'callingNumber'; number: string | null } {
  return record.direction === 'outbound' ? { field: 'callingNumber', number: record.callingNumber } : { field: 'dialedNumber', number: record.dialedNumber };
}

/**
 * Gives each valid record the tenant that owns its number. A number nobody owns, or owned by a
 * tenant outside the sender's subtree (a reseller's switch reporting another reseller's number),
 * is refused as `unknown_number`: the same answer in both cases, so a sender learns nothing about
 * tenants it does not serve.
 */
export function attribute(
  parsed: readonly ParsedRecord[],
  owners: ReadonlyMap<string, string>,
  senderTenants: ReadonlySet<string>,
): { calls: AttributedCall[]; refused: Refusal[] } {
  const calls: AttributedCall[] = [];
  const refused: Refusal[] = [];
  for (const item of parsed) {
    if ('errors' in item) {
      refused.push({ ...item.position, code: 'invalid_record', errors: item.errors });
      continue;
    }
    const { field, number } = attributionNumber(item.record);
    const owner = number === null ? undefined : owners.get(number);
    if (owner === undefined || !senderTenants.has(owner)) {
      const message =
        number === null
          ? 'is needed to attribute an outbound call: the calling number tells whose call it is'
          : `${number} belongs to no customer you send records for; it must be assigned first (PUT /api/traffic/numbers/${number})`;
      refused.push({ ...item.position, code: 'unknown_number', errors: [{ field, message }] });
      continue;
    }
    calls.push({ ...item.record, tenantId: owner });
  }
  return { calls, refused };
}
