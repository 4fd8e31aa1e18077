import { toE164 } from '../phone/e164.js';
import { isTollFreeNumber } from '../reference/npa-lookup.js';
import type { Direction, Service } from './call-record.js';

/**
 * The service of a call whose equipment does not say: calls placed out are outbound service,
 * calls in to a toll-free number are toll-free service, anything else is other. The ingest may
 * refine it later from the dialed number's owner (a call-center number, say).
 */
export function inferService(dialedNumber: string, direction: Direction): Service {
  if (direction === 'outbound') return 'outbound';
  const e164 = toE164(dialedNumber);
  return e164 !== null && isTollFreeNumber(e164) ? 'toll-free' : 'other';
}
