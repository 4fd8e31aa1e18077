// The IANA time zones a clock decision or a schedule may be read in, as the zone picker offers
// them: the browser's own list (Intl.supportedValuesOf), each with its UTC offset and name now,
// the zones North American customers use first.

/**
 * The zones a carrier's North American customers route by, east to west: the US mainland's four
 * (Arizona apart, which keeps standard time), Alaska and Hawaii, Atlantic (Puerto Rico and the
 * Virgin Islands), and Canada's, Newfoundland's half hour included.
 */
export const NORTH_AMERICAN_ZONES: readonly string[] = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/St_Johns',
  'America/Halifax',
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
];

export interface ZoneChoice {
  zone: string;
  /** The offset from UTC now: `UTC-05:00`, `UTC+05:30`, `UTC+00:00`. */
  offset: string;
  /** The zone's name now in the user's language ("Eastern Standard Time"), when the browser has one other than the offset. */
  name: string;
  /** One of the usual zones (the customer's own, then the North American ones). */
  usual: boolean;
  /** What a filter is matched against: zone (underscores as spaces), offset and name, lower case. */
  searchText: string;
}

/** Every zone the browser knows, UTC among them (Chromium lists it, Node does not). */
function knownZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** The offset and name of a zone at an instant; null for a zone the browser does not know. */
export function describeZone(zone: string, at: Date): { offset: string; name: string } | null {
  try {
    const part = (timeZoneName: 'longOffset' | 'long', locale?: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // 'GMT' alone is UTC itself; the rest read 'GMT-05:00'. Always in English, so it can be typed as shown.
    const gmt = part('longOffset', 'en-US');
    const offset = gmt === 'GMT' ? 'UTC+00:00' : gmt.replace(/^GMT/, 'UTC').replace('\u2212', '-');
    const name = part('long');
    return { offset, name: /^(GMT|UTC)([+\-\u2212]|$)/.test(name) ? '' : name };
  } catch {
    return null;
  }
}

/**
 * The zones to offer, usual ones first: `preferred` (the customer's zone, the one already chosen)
 * in their order, then the North American zones, then every other zone by name. A preferred zone
 * the browser does not list (an alias such as US/Eastern) is offered as it is if the browser can
 * read it; one it cannot read is left out (the plan's validation names it).
 */
export function zoneChoices(preferred: readonly string[], at: Date): ZoneChoice[] {
  const usual = [...new Set([...preferred.filter(Boolean), ...NORTH_AMERICAN_ZONES])];
  const usualSet = new Set(usual);
  const rest = knownZones().filter((zone) => !usualSet.has(zone));
  return [...usual.map((zone) => [zone, true] as const), ...rest.map((zone) => [zone, false] as const)].flatMap(([zone, isUsual]) => {
    const seen = describeZone(zone, at);
    if (!seen) return [];
    const searchText = `${zone.replace(/_/g, ' ')} ${seen.offset} ${seen.name}`.toLowerCase();
    return [{ zone, ...seen, usual: isUsual, searchText }];
  });
}

/**
 * The choices a typed text matches, in their order: every word of it somewhere in the zone's name,
 * offset or long name ("new york", "chicago", "eastern", "utc-05", "+05:30"). Empty text matches all.
 */
export function filterZones(choices: readonly ZoneChoice[], text: string): ZoneChoice[] {
  const words = text.toLowerCase().replace(/_/g, ' ').replace(/\u2212/g, '-').split(/\s+/).filter(Boolean);
  if (!words.length) return [...choices];
  return choices.filter((choice) => words.every((word) => choice.searchText.includes(word)));
}
