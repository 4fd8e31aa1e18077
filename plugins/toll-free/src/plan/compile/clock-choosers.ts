import type { DateNode, DayOfWeekNode, TimeOfDayNode } from '../model.js';
import { ANNUAL_SLOTS, annualSlot, civilFromDays, parseDateRange } from '../time/calendar-dates.js';
import { dayIndex } from '../time/days-of-week.js';
import { parseQuarterHour, QUARTERS_PER_DAY } from '../time/quarter-hours.js';
import { zoneOffsets, type ZoneOffsets } from '../time/zone-offsets.js';
import type { CallFacts } from './call-facts.js';
import type { Chooser } from './chooser.js';

// Clock nodes read the call's instant on their zone's wall clock: the instant plus the zone's UTC
// offset at that instant, as if it were UTC. Daylight saving needs nothing more: on the day clocks
// go forward 02:00-02:59 never shows, and on the day they go back 01:00-01:59 shows twice, both
// times taking the branch that holds 01:00.

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;

/** The branch (or `other`) per unit of the clock, first branch first. */
function table(size: number, other: number): Int16Array {
  return new Int16Array(size).fill(other);
}

/** Wall-clock days since 1970-01-01 in the zone. */
const localDay = (offsets: ZoneOffsets, instant: number): number => Math.floor((instant + offsets.offsetAt(instant)) / DAY_MS);

export class QuarterHourChooser implements Chooser {
  private readonly offsets: ZoneOffsets;
  private readonly branches: Int16Array;

  constructor(node: TimeOfDayNode) {
    this.offsets = zoneOffsets(node.timeZone);
    this.branches = table(QUARTERS_PER_DAY, node.branches.length);
    node.branches.forEach((branch, i) => {
      for (const range of branch.ranges) {
        const from = parseQuarterHour(range.from) as number;
        const to = parseQuarterHour(range.to) as number;
        for (let quarter = from; quarter < to; quarter++) if (this.branches[quarter] === node.branches.length) this.branches[quarter] = i;
      }
    });
  }

  choose(facts: CallFacts): number {
    const wall = facts.instant + this.offsets.offsetAt(facts.instant);
    const msOfDay = wall - Math.floor(wall / DAY_MS) * DAY_MS;
    return this.branches[Math.floor(msOfDay / QUARTER_MS)]!;
  }
}

export class DayOfWeekChooser implements Chooser {
  private readonly offsets: ZoneOffsets;
  private readonly branches: Int16Array;

  constructor(node: DayOfWeekNode) {
    this.offsets = zoneOffsets(node.timeZone);
    this.branches = table(7, node.branches.length);
    node.branches.forEach((branch, i) => {
      for (const day of branch.days) if (this.branches[dayIndex(day)] === node.branches.length) this.branches[dayIndex(day)] = i;
    });
  }

  choose(facts: CallFacts): number {
    // 1970-01-01 was a Thursday (4, counting Sunday as 0).
    const weekday = (localDay(this.offsets, facts.instant) + 4) % 7;
    return this.branches[weekday < 0 ? weekday + 7 : weekday]!;
  }
}

/**
 * Date nodes: every-year dates in a table by day-of-year slot, one-time date ranges in a list. When
 * both hold a date, the earlier branch takes it, as everywhere else (validation reports the clash).
 */
export class DateChooser implements Chooser {
  private readonly offsets: ZoneOffsets;
  private readonly annual: Int16Array;
  /** first day, last day, branch; in branch order. */
  private readonly oneTime: Array<[number, number, number]> = [];
  /** The last day looked up and its slot: calls come in runs on the same day. */
  private lastDay = Number.NaN;
  private lastSlot = 0;

  constructor(node: DateNode) {
    this.offsets = zoneOffsets(node.timeZone);
    this.annual = table(ANNUAL_SLOTS + 1, node.branches.length);
    node.branches.forEach((branch, i) => {
      for (const range of branch.dates) {
        const span = parseDateRange(range);
        if ('reason' in span) continue; // validation refused the plan already
        if (span.kind === 'one-time') this.oneTime.push([span.first, span.last, i]);
        else for (const slot of span.slots) if (this.annual[slot] === node.branches.length) this.annual[slot] = i;
      }
    });
  }

  choose(facts: CallFacts): number {
    const day = localDay(this.offsets, facts.instant);
    if (day !== this.lastDay) {
      const { month, day: dayOfMonth } = civilFromDays(day);
      this.lastDay = day;
      this.lastSlot = annualSlot(month, dayOfMonth);
    }
    let branch = this.annual[this.lastSlot]!;
    for (const [first, last, oneTimeBranch] of this.oneTime) {
      if (oneTimeBranch >= branch) break;
      if (day >= first && day <= last) branch = oneTimeBranch;
    }
    return branch;
  }
}
