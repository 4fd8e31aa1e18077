/** Where a call came from, as far as the calling number's area code tells. */
export interface CallOrigin {
  /** The calling number's area code. */
  npa: string;
  /**
   * Two-letter state, territory or province code; for the few area codes NANPA lists over several
   * provinces, their codes joined by '/' ('NS/PE', 'YT/NT/NU'); null in NANP countries without states.
   */
  state: string | null;
  /** ISO 3166-1 alpha-2: 'US', 'CA', or the NANP country ('JM', 'DO', ...). */
  country: string;
  /** IANA zone of the area code; null when it spans several zones, since the NPA alone cannot tell which. */
  timeZone: string | null;
}
