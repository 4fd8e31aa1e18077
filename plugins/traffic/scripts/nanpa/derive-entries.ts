import type { NpaEntry, NpaUse } from '../../src/reference/npa-entry.js';
import { applyErrata } from './errata.js';
import { nonGeographicCountry, placeOf } from './locations.js';
import type { NpaReport, NpaReportRow } from './read-npa-report.js';
import { ianaZones } from './time-zones.js';

/**
 * The project's table from NANPA's report: every assigned NPA (in service or assigned for relief),
 * with its place, country, IANA zones, service state and use. Unassigned, reserved and
 * easily-recognisable codes that were never assigned (N11, 555, 950) are left out: a calling
 * number in one of them has no origin.
 */
export function deriveNpaEntries(report: NpaReport): Map<string, NpaEntry> {
  const entries = new Map<string, NpaEntry>();
  for (const row of applyErrata(report.rows)) {
    if (row.ASSIGNED !== 'Yes') continue;
    const npa = row.NPA_ID!;
    if (!/^[2-9]\d\d$/.test(npa)) throw new Error(`NPA_ID "${npa}" is not an area code`);
    entries.set(npa, entryOf(npa, row));
  }
  return new Map([...entries].sort(([a], [b]) => a.localeCompare(b)));
}

function entryOf(npa: string, row: NpaReportRow): NpaEntry {
  const inService = row.IN_SERVICE === 'Y';
  const use = useOf(row);
  if (use !== 'geographic') {
    return { states: [], country: nonGeographicCountry(npa, row.COUNTRY!), timeZones: [], inService, use };
  }
  if (!row.LOCATION) throw new Error(`NPA ${npa}: a geographic code without a LOCATION`);
  const place = placeOf(npa, row.LOCATION, row.COUNTRY!);
  const timeZones = ianaZones(npa, row.TIME_ZONE!, place.states, place.country!);
  return { states: place.states, country: place.country, timeZones, inService, use };
}

function useOf(row: NpaReportRow): NpaUse {
  if (row.USE === 'G') return 'geographic';
  if (row.SERVICE === 'Toll-Free') return 'toll-free';
  if (row.SERVICE === 'Premium Services') return 'premium';
  return 'non-geographic';
}
