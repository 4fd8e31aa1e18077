/**
 * Instants in call records: ISO 8601 / RFC 3339 date-times that carry their offset. A time
 * without one would be read in whatever zone the server happens to run in, so it is refused
 * rather than guessed (equipment that writes local times has its own parser that is told the zone).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

export type ParsedInstant = { ms: number } | { problem: string };

export function parseInstant(text: string): ParsedInstant {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return { problem: 'is not an ISO 8601 date-time such as 2024-03-01T14:15:02Z' };
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  if (!zone) return { problem: 'has no time zone; add Z for UTC or an offset such as -05:00' };
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const check = new Date(wall);
  if (mo < 1 || mo > 12 || check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) {
    return { problem: 'is not a real date and time' };
  }
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === null) return { problem: 'has an offset beyond ±14:00' };
  return { ms: wall - offsetMinutes * 60_000 };
}

/** `Z` -> 0, `-05:00` / `-0500` / `-05` -> -300; null beyond the ±14:00 that real zones use. */
function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes);
}

/** The canonical text of an instant: UTC, milliseconds, `Z` (sorts as text). */
export const formatInstant = (ms: number) => new Date(ms).toISOString();
