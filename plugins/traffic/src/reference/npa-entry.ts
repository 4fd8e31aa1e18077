/**
 * What the project keeps of one NANP area code (NPA), derived from NANPA's public area-code
 * report by scripts/build-npa-table.ts. Only the facts origin routing and reports need.
 */
export interface NpaEntry {
  /**
   * Two-letter state, territory or province codes (USPS, Canada Post). Usually one; several when
   * NANPA lists one area code for several provinces (902: NS and PE; 867: YT, NT and NU). Empty
   * for the NANP countries outside the US and Canada and for non-geographic codes.
   */
  states: readonly string[];
  /** ISO 3166-1 alpha-2 country ('US', 'CA', 'JM', ...); null for codes that serve the whole NANP (800, 500, 900). */
  country: string | null;
  /** IANA time zones the area code spans, in NANPA's order; empty for non-geographic codes. */
  timeZones: readonly string[];
  /** In service on the report's file date (03/01/2020); codes assigned for relief came later. */
  inService: boolean;
  /** geographic: a place; toll-free: 8XX; premium: 900; non-geographic: 500s, 600, 700, 710 and the like. */
  use: NpaUse;
}

export type NpaUse = 'geographic' | 'toll-free' | 'premium' | 'non-geographic';
