/**
 * NANPA's TIME_ZONE column to IANA zones. NANPA writes letters (E, C, M, P, A; several for an
 * NPA that spans zones, as "EC" or "CMP"), "NA" for Newfoundland, and UTC offsets for the
 * Pacific. A letter alone does not say whether the place keeps daylight saving time (Arizona,
 * Saskatchewan, Puerto Rico do not), so each letter resolves by place: country first, then
 * state, then the country's usual zone for that letter.
 */

/** NANP countries outside the US and Canada: one zone each, whatever letter NANPA wrote. */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AI: 'America/Anguilla',
  AG: 'America/Antigua',
  BS: 'America/Nassau',
  BB: 'America/Barbados',
  BM: 'Atlantic/Bermuda',
  VG: 'America/Tortola',
  KY: 'America/Cayman',
  DM: 'America/Dominica',
  DO: 'America/Santo_Domingo',
  GD: 'America/Grenada',
  JM: 'America/Jamaica',
  MS: 'America/Montserrat',
  SX: 'America/Lower_Princes',
  KN: 'America/St_Kitts',
  LC: 'America/St_Lucia',
  VC: 'America/St_Vincent',
  TT: 'America/Port_of_Spain',
  TC: 'America/Grand_Turk',
};

/** Places whose zone for a letter differs from the country's usual one (no DST, or their own rules). */
const STATE_ZONES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  AZ: { M: 'America/Phoenix' },
  HI: { 'UTC-10': 'Pacific/Honolulu' },
  AK: { 'UTC-9': 'America/Anchorage' },
  GU: { 'UTC+10': 'Pacific/Guam' },
  MP: { 'UTC+10': 'Pacific/Saipan' },
  AS: { 'UTC-11': 'Pacific/Pago_Pago' },
  PR: { A: 'America/Puerto_Rico' },
  VI: { A: 'America/St_Thomas' },
  SK: { C: 'America/Regina' },
  NB: { A: 'America/Moncton' },
  NL: { N: 'America/St_Johns' },
  // 867 spans three territories: Nunavut's central part, the Northwest Territories, and Yukon
  // (which NANPA still lists as Pacific; it has kept UTC-7 all year since 2020, as its zone knows).
  YT: { P: 'America/Whitehorse' },
  NT: { M: 'America/Yellowknife' },
  NU: { C: 'America/Rankin_Inlet' },
};

const COUNTRY_LETTER_ZONES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: { E: 'America/New_York', C: 'America/Chicago', M: 'America/Denver', P: 'America/Los_Angeles' },
  CA: { E: 'America/Toronto', C: 'America/Winnipeg', M: 'America/Edmonton', P: 'America/Vancouver', A: 'America/Halifax' },
};

/** "EC" -> ["E", "C"]; "NA" -> ["N"]; "(UTC+10)" -> ["UTC+10"]. */
export function zoneCodes(timeZone: string): string[] {
  const offset = /^\(?(UTC[+-]\d{1,2})\)?$/.exec(timeZone);
  if (offset) return [offset[1]!];
  if (timeZone === 'NA') return ['N'];
  if (/^[ECMPA]+$/.test(timeZone)) return [...timeZone];
  throw new Error(`unknown TIME_ZONE "${timeZone}"`);
}

/** The IANA zones of a geographic NPA, in NANPA's order, without repeats. */
export function ianaZones(npa: string, timeZone: string, states: readonly string[], country: string): string[] {
  const countryZone = COUNTRY_ZONES[country];
  if (countryZone) return [countryZone];
  const zones: string[] = [];
  for (const code of zoneCodes(timeZone)) {
    // For an NPA over several provinces, the province that owns this letter decides (867: C is Nunavut's).
    const byState = states.map((state) => STATE_ZONES[state]?.[code]).find((zone) => zone !== undefined);
    const zone = byState ?? COUNTRY_LETTER_ZONES[country]?.[code];
    if (!zone) throw new Error(`NPA ${npa}: no IANA zone for "${code}" in ${states.join('/') || country}`);
    if (!zones.includes(zone)) zones.push(zone);
  }
  return zones;
}
