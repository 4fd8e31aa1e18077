import type { CallOrigin } from './call-origin.js';
import type { NpaEntry } from './npa-entry.js';
import { NPA_TABLE } from './npa-table.js';

/** +1 NPA NXX XXXX, with NANP's rule that neither the area code nor the exchange starts with 0 or 1. */
const NANP_E164 = /^\+1([2-9]\d\d)[2-9]\d{6}$/;

/** The table's entry for an area code, or undefined when NANPA had not assigned it. */
export function lookupNpa(npa: string): NpaEntry | undefined {
  return NPA_TABLE.get(npa);
}

/** The area code of an E.164 NANP number, or null for any other number. */
export function npaOf(e164: string): string | null {
  return NANP_E164.exec(e164)?.[1] ?? null;
}

/**
 * The origin of a call from its calling number in E.164. Null when the number is not NANP, its
 * area code is not assigned, or the code is not geographic (a call "from" an 800 or 500 number
 * says nothing about where the caller is).
 */
export function originOf(callingNumber: string | null | undefined): CallOrigin | null {
  if (!callingNumber) return null;
  const npa = npaOf(callingNumber);
  const entry = npa === null ? undefined : NPA_TABLE.get(npa);
  if (!entry || entry.use !== 'geographic' || entry.country === null) return null;
  return {
    npa: npa!,
    state: entry.states.length ? entry.states.join('/') : null,
    country: entry.country,
    timeZone: entry.timeZones.length === 1 ? entry.timeZones[0]! : null,
  };
}

/** True for an E.164 number in a NANP toll-free code (800, 833, 844, 855, 866, 877, 888, and 822 once in service). */
export function isTollFreeNumber(e164: string): boolean {
  const npa = npaOf(e164);
  return npa !== null && NPA_TABLE.get(npa)?.use === 'toll-free';
}
