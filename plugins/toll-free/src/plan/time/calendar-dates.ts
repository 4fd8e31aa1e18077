import type { DateRange } from '../model.js';

// Dates for date nodes. An every-year date is a slot of the registry's day-of-year numbering,
// which always keeps one for February 29 (domain spec 1.3, DOR node): 1 = Jan 1, 59 = Feb 28,
// 60 = Feb 29, 61 = Mar 1 ... 366 = Dec 31, so a date has the same slot in every year. A one-time
// date is a day number counted from 1970-01-01.

export const ANNUAL_SLOTS = 366;

/** Days before each month in the slot numbering (February has 29). */
const SLOTS_BEFORE_MONTH = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const annualSlot = (month: number, day: number): number => SLOTS_BEFORE_MONTH[month - 1]! + day;

/** Year, month and day of a day number (days since 1970-01-01), by H. Hinnant's civil_from_days. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const ANNUAL = /^(\d\d)-(\d\d)$/;
const ONE_TIME = /^(\d{4})-(\d\d)-(\d\d)$/;

/** What a date node's date range stands for: slots of every year, or a span of day numbers. */
export type DateSpan =
  | { kind: 'annual'; slots: number[] }
  | { kind: 'one-time'; first: number; last: number };

type ParsedDate = { kind: 'annual'; slot: number; text: string } | { kind: 'one-time'; dayNumber: number; text: string };

function parseDate(text: string): ParsedDate | { reason: string } {
  const annual = ANNUAL.exec(text);
  if (annual) {
    const month = Number(annual[1]);
    const day = Number(annual[2]);
    if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return { reason: `"${text}" is not a date` };
    return { kind: 'annual', slot: annualSlot(month, day), text };
  }
  const oneTime = ONE_TIME.exec(text);
  if (oneTime) {
    const [year, month, day] = [Number(oneTime[1]), Number(oneTime[2]), Number(oneTime[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    if (month < 1 || month > 12 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return { reason: `"${text}" is not a date` };
    return { kind: 'one-time', dayNumber: Math.floor(ms / 86_400_000), text };
  }
  return { reason: `"${text}" is neither MM-DD (every year) nor YYYY-MM-DD (that day only)` };
}

/** A date node's range as the days it covers, or what is wrong with it. */
export function parseDateRange(range: DateRange): DateSpan | { reason: string } {
  const from = parseDate(range.from);
  if ('reason' in from) return from;
  const to = range.to === undefined ? from : parseDate(range.to);
  if ('reason' in to) return to;
  if (from.kind === 'annual' && to.kind === 'annual') {
    const slots: number[] = [];
    // An every-year range may run over New Year (12-24 to 01-02).
    for (let slot = from.slot; ; slot = (slot % ANNUAL_SLOTS) + 1) {
      slots.push(slot);
      if (slot === to.slot) break;
    }
    return { kind: 'annual', slots };
  }
  if (from.kind === 'one-time' && to.kind === 'one-time') {
    if (to.dayNumber < from.dayNumber) return { reason: `${to.text} comes before ${from.text}` };
    return { kind: 'one-time', first: from.dayNumber, last: to.dayNumber };
  }
  return { reason: `${from.text} and ${to.text} mix an every-year date (MM-DD) with a one-time date (YYYY-MM-DD)` };
}

/** The every-year slots a span of day numbers falls on (all of them once it is a year long). */
export function slotsOfDays(first: number, last: number): number[] {
  const slots = new Set<number>();
  for (let dayNumber = first; dayNumber <= last && slots.size < ANNUAL_SLOTS; dayNumber++) {
    const { month, day } = civilFromDays(dayNumber);
    slots.add(annualSlot(month, day));
  }
  return [...slots];
}

export const describeDateRange = (range: DateRange): string => (range.to === undefined || range.to === range.from ? range.from : `${range.from} to ${range.to}`);
