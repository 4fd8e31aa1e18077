/**
 * The share of the peak arrival rate at a moment, in the customer's own time zone: a business
 * day's curve (quiet at night, a morning peak around 10:00, a dip at lunch, an afternoon peak
 * around 15:00, evening tail), lower at weekends. Never below NIGHT_FLOOR, so a demo always moves.
 */

/** The lowest share of the peak rate: a few calls a minute at 3 a.m. keep the monitor alive. */
export const NIGHT_FLOOR = 0.1;

/** Share of the peak at each full hour of a weekday, 00:00 to 23:00; the minutes between are interpolated. */
const WEEKDAY_BY_HOUR: readonly number[] = [
  0.12, 0.1, 0.1, 0.1, 0.1, 0.14, // 00-05
  0.25, 0.45, 0.7, 0.92, 1.0, 0.95, // 06-11
  0.8, 0.85, 0.95, 1.0, 0.9, 0.7, // 12-17
  0.5, 0.4, 0.32, 0.25, 0.18, 0.14, // 18-23
];

/** Saturdays and Sundays carry this share of a weekday's traffic at the same hour. */
const WEEKEND_SHARE = 0.45;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local weekday (Sun..Sat), hour and minute of an instant in a zone. */
export function localTime(at: Date, timeZone: string): { weekday: string; hour: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday'), hour: Number(part('hour')), minute: Number(part('minute')) };
}

/** The share (NIGHT_FLOOR to 1) of the peak rate at `at` in `timeZone`. */
export function profileFactor(at: Date, timeZone: string): number {
  const { weekday, hour, minute } = localTime(at, timeZone);
  const now = WEEKDAY_BY_HOUR[hour]!;
  const next = WEEKDAY_BY_HOUR[(hour + 1) % 24]!;
  const weekdayShare = now + ((next - now) * minute) / 60;
  const share = weekday === 'Sat' || weekday === 'Sun' ? weekdayShare * WEEKEND_SHARE : weekdayShare;
  return Math.max(NIGHT_FLOOR, Math.min(1, share));
}
