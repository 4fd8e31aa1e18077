import { badRequest } from '@switchboard/sdk';
import { isKnownTimeZone, zoneOffsets } from '../plan/time/zone-offsets.js';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const QUARTER_HOUR_MS = 15 * 60_000;
const HALF_DAY_MS = 12 * 3_600_000;

/**
 * When a scheduled version takes effect, from what the network manager typed: a wall-clock time
 * (`2026-06-02T08:00`) in the customer's time zone, as the registry takes effective times. It must
 * fall on a quarter hour (:00, :15, :30, :45), as the registry requires, and lie ahead; a time the
 * zone skips (02:30 on the night clocks go forward) is refused, and one it has twice (01:30 on the
 * night they go back) is the first of the two. Answers the instant in UTC, as ISO 8601.
 */
export function effectiveInstant(input: { effectiveAt: string; timeZone: string }, now: Date): string {
  if (!isKnownTimeZone(input.timeZone)) throw badRequest('Say the time zone as an IANA name.', [{ field: 'body.timeZone', message: `"${input.timeZone}" is not a time zone this server knows` }]);
  const match = WALL_CLOCK.exec(input.effectiveAt);
  const wall = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5])) : NaN;
  const field = 'body.effectiveAt';
  if (!match || Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== input.effectiveAt)
    throw badRequest('Say when the version takes effect as a date and time on the customer\'s clock.', [{ field, message: `"${input.effectiveAt}" is not a date and time as YYYY-MM-DDTHH:MM` }]);
  if (Number(match[5]) % 15 !== 0)
    throw badRequest('Effective times fall on a quarter hour.', [{ field, message: `${input.effectiveAt} is not on a quarter hour (:00, :15, :30 or :45)` }], 'not_quarter_hour');
  const instant = wallToInstant(wall, input.timeZone);
  if (instant === null) throw badRequest('That time does not happen in the time zone.', [{ field, message: `${input.effectiveAt} does not happen in ${input.timeZone}: the clocks skip it` }]);
  if (instant <= now.getTime()) throw badRequest('Schedule a time still ahead, or activate now.', [{ field, message: `${input.effectiveAt} in ${input.timeZone} has passed` }], 'effective_time_passed');
  // Offsets of whole quarter hours keep a local quarter hour on a UTC one; the few zones that differ cannot schedule off it.
  if (instant % QUARTER_HOUR_MS !== 0) throw badRequest('Effective times fall on a quarter hour.', [{ field, message: `${input.effectiveAt} in ${input.timeZone} is not on a quarter hour in UTC` }], 'not_quarter_hour');
  return new Date(instant).toISOString();
}

/** The first instant at which the zone's clock reads `wall` (epoch ms read as UTC), or null when it never does. */
function wallToInstant(wall: number, zone: string): number | null {
  const offsets = zoneOffsets(zone);
  const candidates = new Set([offsets.offsetAt(wall - HALF_DAY_MS), offsets.offsetAt(wall + HALF_DAY_MS)].map((offset) => wall - offset));
  const matching = [...candidates].filter((instant) => instant + offsets.offsetAt(instant) === wall).sort((a, b) => a - b);
  return matching[0] ?? null;
}
