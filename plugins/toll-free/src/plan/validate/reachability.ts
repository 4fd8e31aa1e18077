import { atBranch, atNext, type Location } from '../locations.js';
import type { DecisionNode } from '../model.js';
import { ASSIGNED_NPAS, NPAS_BY_COUNTRY, NPAS_BY_STATE, npaBranchIndex } from '../origin/nanp-origins.js';
import { ANNUAL_SLOTS, describeDateRange, parseDateRange, slotsOfDays } from '../time/calendar-dates.js';
import { dayIndex } from '../time/days-of-week.js';
import { parseQuarterHour, QUARTERS_PER_DAY } from '../time/quarter-hours.js';
import { quoteValues, type Report } from './report.js';
import type { OriginNode } from './origin-values.js';
import type { ClockCover, ClockNode } from './time-values.js';

// Which calls can reach each node, as far as the decisions above it tell: the calling area codes
// still possible, the NPA-NXX prefixes and LATAs still possible, and per time zone the quarter
// hours, days of the week and dates. A branch whose values the path above has already excluded
// (a Texas branch under the 212 branch of an area-code node; 18:00–20:00 under 08:00–17:00 in the
// same zone) can never be taken. Clocks in different zones are not compared: their offsets move.

/** Calls whose calling number has no NANP area code (foreign, withheld, malformed). */
const NO_AREA_CODE = '';

interface Narrowing {
  /** Only these are possible (null: any). */
  only: ReadonlySet<string> | null;
  excluded: ReadonlySet<string>;
  /** The branch that narrowed it, in words. */
  by: string | null;
}

interface ClockReach {
  cover: Uint8Array;
  by: string;
}

export interface Reach {
  /** Below a branch already reported unreachable: nothing more is said about reachability. */
  dead: boolean;
  npas: ReadonlySet<string>;
  npasBy: string | null;
  prefixes: Narrowing;
  latas: Narrowing;
  /** Per time zone and kind of clock node ('America/Chicago|time-of-day'). */
  clocks: ReadonlyMap<string, ClockReach>;
}

export interface BranchReach {
  branches: Reach[];
  other: Reach;
}

const ANY: Narrowing = { only: null, excluded: new Set(), by: null };

export const everyCall = (): Reach => ({
  dead: false,
  npas: new Set([...ASSIGNED_NPAS, NO_AREA_CODE]),
  npasBy: null,
  prefixes: ANY,
  latas: ANY,
  clocks: new Map(),
});

const unchanged = (node: DecisionNode, reach: Reach): BranchReach => ({ branches: node.branches.map(() => reach), other: reach });

/** Reports values the path excludes; answers whether the whole branch is unreachable. */
function reportDead(node: DecisionNode, at: Location, index: number, all: number, dead: string[], by: string, report: Report): boolean {
  if (!dead.length) return false;
  const where = atBranch(at, node, index);
  if (dead.length === all) {
    report.error('unreachable_branch', where, node.id, `This branch can never be taken: calls reach this node only through ${by}, which excludes ${quoteValues(dead)}.`);
    return true;
  }
  report.error('unreachable_values', where, node.id, `${quoteValues(dead)} can never be taken here: calls reach this node only through ${by}.`);
  return false;
}

function otherNeverTaken(node: DecisionNode, at: Location, report: Report) {
  report.warning('other_never_taken', atNext(at, node, 'other'), node.id, 'No call can reach Other here: the branches take every call that reaches this node.');
}

/** An origin node: what each branch and `other` leave possible. `values` are each branch's effective values. */
export function reachOrigin(node: OriginNode, at: Location, values: string[][], reach: Reach, report: Report): BranchReach {
  if (reach.dead) return unchanged(node, reach);
  const otherWhere = atNext(at, node, 'other').where;
  if (node.type === 'lata' || node.type === 'npa-nxx') {
    const narrowing = node.type === 'lata' ? reach.latas : reach.prefixes;
    const possible = (value: string) =>
      (narrowing.only === null || narrowing.only.has(value)) && !narrowing.excluded.has(value) && (node.type === 'lata' || reach.npas.has(value.slice(0, 3)));
    const branches = values.map((branchValues, i): Reach => {
      const live = branchValues.filter(possible);
      const by = narrowing.by ?? reach.npasBy ?? '';
      const dead = branchValues.filter((value) => !possible(value));
      const unreachable = reportDead(node, at, i, branchValues.length, dead, by, report);
      const narrowed: Narrowing = { only: new Set(live), excluded: new Set(), by: atBranch(at, node, i).where };
      return node.type === 'lata'
        ? { ...reach, dead: unreachable, latas: narrowed }
        : { ...reach, dead: unreachable, prefixes: narrowed, npas: new Set(live.map((prefix) => prefix.slice(0, 3))), npasBy: narrowed.by };
    });
    const taken = values.flat();
    const otherNarrowing: Narrowing = { only: narrowing.only, excluded: new Set([...narrowing.excluded, ...taken]), by: otherWhere };
    const otherEmpty = narrowing.only !== null && [...narrowing.only].every((value) => otherNarrowing.excluded.has(value));
    if (otherEmpty) otherNeverTaken(node, at, report);
    const other: Reach = node.type === 'lata' ? { ...reach, dead: otherEmpty, latas: otherNarrowing } : { ...reach, dead: otherEmpty, prefixes: otherNarrowing };
    return { branches, other };
  }
  const index = npaBranchIndex(node);
  const npasOf = (value: string): readonly string[] =>
    node.type === 'npa' ? [value] : node.type === 'state' ? (NPAS_BY_STATE.get(value) ?? []) : (NPAS_BY_COUNTRY.get(value) ?? []);
  const branches = values.map((branchValues, i): Reach => {
    const live = new Set([...reach.npas].filter((npa) => index.get(npa) === i));
    const dead = branchValues.filter((value) => !npasOf(value).some((npa) => index.get(npa) === i && reach.npas.has(npa)));
    const unreachable = reportDead(node, at, i, branchValues.length, dead, reach.npasBy ?? '', report);
    return { ...reach, dead: unreachable, npas: live, npasBy: atBranch(at, node, i).where };
  });
  const rest = new Set([...reach.npas].filter((npa) => !index.has(npa)));
  if (!rest.size) otherNeverTaken(node, at, report);
  return { branches, other: { ...reach, dead: !rest.size, npas: rest, npasBy: otherWhere } };
}

/** The units (quarter hours, days, date slots) each value of a clock branch stands for, with its words; malformed values left out. */
function unitsOfValues(node: ClockNode, index: number): Array<{ text: string; units: number[] }> {
  switch (node.type) {
    case 'time-of-day':
      return node.branches[index]!.ranges.flatMap((range) => {
        const from = parseQuarterHour(range.from);
        const to = parseQuarterHour(range.to);
        if (typeof from !== 'number' || typeof to !== 'number' || from >= to) return [];
        return [{ text: `${range.from}–${range.to}`, units: Array.from({ length: to - from }, (_, k) => from + k) }];
      });
    case 'day-of-week':
      return node.branches[index]!.days.map((day) => ({ text: day, units: [dayIndex(day)] }));
    case 'date':
      return node.branches[index]!.dates.flatMap((range) => {
        const span = parseDateRange(range);
        if ('reason' in span) return [];
        return [{ text: describeDateRange(range), units: span.kind === 'annual' ? span.slots : slotsOfDays(span.first, span.last) }];
      });
  }
}

/** Flags per clock: quarter hours of a day, days of a week, date slots 1-366 (0 unused). */
const CLOCK_UNITS: Record<ClockNode['type'], number> = { 'time-of-day': QUARTERS_PER_DAY, 'day-of-week': 7, date: ANNUAL_SLOTS + 1 };

/** A clock node: what each branch and `other` leave possible on its zone's clock. */
export function reachClock(node: ClockNode, at: Location, cover: ClockCover, reach: Reach, report: Report): BranchReach {
  if (reach.dead || !cover.zoneKnown) return unchanged(node, reach);
  const key = `${node.timeZone}|${node.type}`;
  const size = CLOCK_UNITS[node.type];
  const inherited = reach.clocks.get(key);
  const current = inherited?.cover ?? new Uint8Array(size).fill(1);
  const withClock = (clock: ClockReach, dead: boolean): Reach => ({ ...reach, dead, clocks: new Map([...reach.clocks, [key, clock]]) });
  const branches = cover.branches.map((branchCover, i) => {
    let unreachable = false;
    if (inherited) {
      const values = unitsOfValues(node, i);
      const dead = values.filter((value) => value.units.every((unit) => !current[unit])).map((value) => value.text);
      unreachable = reportDead(node, at, i, values.length, dead, inherited.by, report);
    }
    const live = branchCover.map((on, unit) => (on && current[unit] ? 1 : 0));
    return withClock({ cover: live, by: atBranch(at, node, i).where }, unreachable);
  });
  const rest = current.map((on, unit) => (on && !cover.branches.some((branchCover) => branchCover[unit]) ? 1 : 0));
  // The date node's slot 0 is unused (slots count from 1).
  const otherEmpty = rest.every((on, unit) => !on || (node.type === 'date' && unit === 0));
  if (otherEmpty) otherNeverTaken(node, at, report);
  return { branches, other: withClock({ cover: rest, by: atNext(at, node, 'other').where }, otherEmpty) };
}
