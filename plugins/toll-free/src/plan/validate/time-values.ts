import { atBranch, atNode, branchWords, type Location } from '../locations.js';
import type { DateNode, DayOfWeekNode, TimeOfDayNode } from '../model.js';
import { ANNUAL_SLOTS, describeDateRange, parseDateRange, slotsOfDays } from '../time/calendar-dates.js';
import { dayIndex, describeDays } from '../time/days-of-week.js';
import { parseQuarterHour, QUARTERS_PER_DAY } from '../time/quarter-hours.js';
import { isKnownTimeZone } from '../time/zone-offsets.js';
import type { Report } from './report.js';

export type ClockNode = TimeOfDayNode | DayOfWeekNode | DateNode;

/** What a clock node's branches cover, as flags: quarter hours of the day, days of the week or every-year date slots. */
export interface ClockCover {
  /** False for a zone Node.js does not know: its times cannot be compared with anything. */
  zoneKnown: boolean;
  branches: Uint8Array[];
}

/** A one-time date range longer than this is surely a mistake for an every-year range. */
const MAX_ONE_TIME_DAYS = 366;

export function checkZone(node: ClockNode, at: Location, report: Report): boolean {
  if (isKnownTimeZone(node.timeZone)) return true;
  report.error('unknown_time_zone', atNode(at, node), node.id, `"${node.timeZone}" is not an IANA time zone such as "America/New_York".`);
  return false;
}

/**
 * Two branches claiming the same time is an error (the later one never gets it); a branch
 * claiming it twice only a warning. `owner` holds, per unit of time, the first branch and the
 * words of the range that claimed it.
 */
function claim(owner: Array<{ branch: number; text: string } | undefined>, unit: number, branch: number, text: string, clashes: Map<string, { branch: number; text: string }>) {
  const held = owner[unit];
  if (!held) owner[unit] = { branch, text };
  else if (held.text !== text || held.branch !== branch) clashes.set(`${held.branch}|${held.text}|${text}`, { branch: held.branch, text: `${text} overlaps ${held.text}` });
}

function reportClashes(node: ClockNode, at: Location, branch: number, clashes: Map<string, { branch: number; text: string }>, report: Report) {
  const where = atBranch(at, node, branch);
  for (const clash of clashes.values()) {
    if (clash.branch === branch) report.warning('overlapping_ranges', where, node.id, `${clash.text} in the same branch.`);
    else
      report.error(
        'overlapping_ranges',
        where,
        node.id,
        `${clash.text} in branch ${clash.branch + 1} (${branchWords(node, clash.branch)}), which takes that time first: this branch never gets it.`,
      );
  }
}

/** Time-of-day ranges: whole quarter hours, start before end within one day, no overlaps. */
export function checkTimeOfDay(node: TimeOfDayNode, at: Location, report: Report): ClockCover {
  const zoneKnown = checkZone(node, at, report);
  const owner: Array<{ branch: number; text: string } | undefined> = new Array(QUARTERS_PER_DAY);
  const branches = node.branches.map((branch, i) => {
    const cover = new Uint8Array(QUARTERS_PER_DAY);
    const clashes = new Map<string, { branch: number; text: string }>();
    for (const range of branch.ranges) {
      const text = `${range.from}–${range.to}`;
      const from = parseQuarterHour(range.from);
      const to = parseQuarterHour(range.to);
      const wrong = typeof from === 'object' ? from.reason : typeof to === 'object' ? to.reason : null;
      if (wrong) {
        report.error('malformed_value', atBranch(at, node, i), node.id, `${text}: ${wrong}.`);
        continue;
      }
      if ((from as number) >= (to as number)) {
        report.error('malformed_value', atBranch(at, node, i), node.id, `${text} ends where or before it starts; a range stays within one day, so split a night into two (22:00–24:00 and 00:00–06:00).`);
        continue;
      }
      for (let quarter = from as number; quarter < (to as number); quarter++) {
        claim(owner, quarter, i, text, clashes);
        if (owner[quarter]!.branch === i) cover[quarter] = 1;
      }
    }
    reportClashes(node, at, i, clashes, report);
    return cover;
  });
  return { zoneKnown, branches };
}

/** Days of the week: each in one branch only. */
export function checkDaysOfWeek(node: DayOfWeekNode, at: Location, report: Report): ClockCover {
  const zoneKnown = checkZone(node, at, report);
  const firstBranch = new Array<number | undefined>(7);
  const branches = node.branches.map((branch, i) => {
    const cover = new Uint8Array(7);
    const repeated = new Map<number, string[]>();
    for (const day of branch.days) {
      const index = dayIndex(day);
      const first = firstBranch[index];
      if (first === undefined) {
        firstBranch[index] = i;
        cover[index] = 1;
      } else {
        const days = repeated.get(first);
        if (days) days.push(day);
        else repeated.set(first, [day]);
      }
    }
    for (const [first, days] of repeated) {
      const words = describeDays(days as DayOfWeekNode['branches'][number]['days']);
      if (first === i) report.warning('duplicate_value', atBranch(at, node, i), node.id, `${words} listed twice in this branch.`);
      else report.error('duplicate_value', atBranch(at, node, i), node.id, `${words} already in branch ${first + 1} (${branchWords(node, first)}), which takes it first: this branch never gets it.`);
    }
    return cover;
  });
  return { zoneKnown, branches };
}

/**
 * Dates: well formed, no range ending before it starts, no date in two branches. An every-year
 * date and a one-time date in different branches overlap when the one-time date falls on it.
 */
export function checkDates(node: DateNode, at: Location, report: Report): ClockCover {
  const zoneKnown = checkZone(node, at, report);
  const annualOwner: Array<{ branch: number; text: string } | undefined> = new Array(ANNUAL_SLOTS + 1);
  const dayOwner = new Map<number, { branch: number; text: string }>();
  const oneTime: Array<{ branch: number; text: string; slots: number[] }> = [];
  const clashesByBranch = node.branches.map(() => new Map<string, { branch: number; text: string }>());
  const branches = node.branches.map((branch, i) => {
    const cover = new Uint8Array(ANNUAL_SLOTS + 1);
    for (const range of branch.dates) {
      const text = describeDateRange(range);
      const span = parseDateRange(range);
      if ('reason' in span) {
        report.error('malformed_value', atBranch(at, node, i), node.id, `${span.reason}.`);
        continue;
      }
      if (span.kind === 'annual') {
        for (const slot of span.slots) {
          claim(annualOwner, slot, i, text, clashesByBranch[i]!);
          if (annualOwner[slot]!.branch === i) cover[slot] = 1;
        }
        continue;
      }
      if (span.last - span.first >= MAX_ONE_TIME_DAYS) {
        report.error('malformed_value', atBranch(at, node, i), node.id, `${text} is longer than a year; write dates that recur as MM-DD.`);
        continue;
      }
      for (let day = span.first; day <= span.last; day++) {
        const held = dayOwner.get(day);
        if (!held) dayOwner.set(day, { branch: i, text });
        else if (held.text !== text || held.branch !== i) clashesByBranch[i]!.set(`${held.branch}|${held.text}|${text}`, { branch: held.branch, text: `${text} overlaps ${held.text}` });
      }
      const slots = slotsOfDays(span.first, span.last);
      for (const slot of slots) cover[slot] = 1;
      oneTime.push({ branch: i, text, slots });
    }
    return cover;
  });
  // A one-time date on a day an every-year range of another branch already takes, whichever came first.
  for (const { branch, text, slots } of oneTime) {
    for (const slot of slots) {
      const held = annualOwner[slot];
      if (held && held.branch !== branch) {
        const oneTimeFirst = branch < held.branch;
        const later = oneTimeFirst ? held.branch : branch;
        const earlier = oneTimeFirst ? { branch, text } : held;
        const laterText = oneTimeFirst ? held.text : text;
        clashesByBranch[later]!.set(`${earlier.branch}|${earlier.text}|${laterText}`, { branch: earlier.branch, text: `${laterText} overlaps ${earlier.text}` });
      }
    }
  }
  clashesByBranch.forEach((clashes, i) => reportClashes(node, at, i, clashes, report));
  return { zoneKnown, branches };
}
