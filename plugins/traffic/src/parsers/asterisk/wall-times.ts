import type { ZoneClock } from '../zone-clock.js';

/** cdr_csv's DATE_FORMAT: "%Y-%m-%d %T" in the switch's local time (or UTC with usegmtime). */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The instants a Master.csv time may mean (two in the hour repeated when clocks go back), or why it means none. */
export function wallTimeInstants(clock: ZoneClock, text: string): { instants: number[] } | { problem: string } {
  const match = WALL_TIME.exec(text);
  if (!match) return { problem: 'is not a time as cdr_csv writes it (YYYY-MM-DD HH:MM:SS)' };
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { problem: 'is not a real date and time' };
  }
  const instants = clock.instantsAt(year, month, day, hour, minute, second);
  if (!instants.length) return { problem: `does not exist in ${clock.zone}: the clocks skipped it when daylight saving time began` };
  return { instants };
}

/** Of the instants a wall time may mean, the one nearest to where the call's other times put it. */
export function nearest(instants: readonly number[], expected: number): number {
  return instants.reduce((best, instant) => (Math.abs(instant - expected) < Math.abs(best - expected) ? instant : best));
}
