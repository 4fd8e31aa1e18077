import type { DecisionNode, PlanNode } from './model.js';
import { describeDateRange } from './time/calendar-dates.js';
import { describeDays } from './time/days-of-week.js';

/**
 * Where something is in a plan, twice: `path` for programs, the way the JSON is reached
 * (`root.branches[2].next.other`), and `where` for people, the nodes and branches passed on the way
 * (`Origin by state › TX › Time of day › Other`).
 */
export interface Location {
  path: string;
  where: string;
}

export const ROOT: Location = { path: 'root', where: '' };

const SEPARATOR = ' › ';
const join = (...parts: string[]) => parts.filter(Boolean).join(SEPARATOR);

const TYPE_WORDS: Record<PlanNode['type'], string> = {
  npa: 'Origin by area code',
  'npa-nxx': 'Origin by NPA-NXX',
  lata: 'Origin by LATA',
  state: 'Origin by state',
  country: 'Origin by country',
  'time-of-day': 'Time of day',
  'day-of-week': 'Day of week',
  date: 'Date',
  percent: 'Percent',
  route: 'Route',
  announce: 'Announcement',
  block: 'Block',
};

/** The node in words: its label, or what kind of node it is and what it does. */
export function nodeWords(node: PlanNode): string {
  if (node.label) return node.label;
  switch (node.type) {
    case 'route': {
      const to = node.destination;
      const target = to.type === 'number' ? to.number : to.type === 'sip' ? to.uri : `call center ${to.callCenterId}`;
      return `Route to ${target}`;
    }
    case 'announce':
      return `Announcement ${node.announcementId}`;
    default:
      return TYPE_WORDS[node.type];
  }
}

/** At most this many values are spelled out in a branch's words; the rest are counted. */
const SHOWN_VALUES = 4;
function list(values: readonly string[]): string {
  if (!values.length) return '(no values)';
  const shown = values.slice(0, SHOWN_VALUES).join(', ');
  return values.length > SHOWN_VALUES ? `${shown} +${values.length - SHOWN_VALUES} more` : shown;
}

/** A branch in words: its label, or its values. */
export function branchWords(node: DecisionNode, index: number): string {
  const label = node.branches[index]?.label;
  if (label) return label;
  switch (node.type) {
    case 'npa':
      return list(node.branches[index]!.npas);
    case 'npa-nxx':
      return list(node.branches[index]!.prefixes);
    case 'lata':
      return list(node.branches[index]!.latas.map((lata) => `LATA ${lata}`));
    case 'state':
      return list(node.branches[index]!.states);
    case 'country':
      return list(node.branches[index]!.countries);
    case 'time-of-day':
      return list(node.branches[index]!.ranges.map((range) => `${range.from}–${range.to}`));
    case 'day-of-week':
      return node.branches[index]!.days.length ? describeDays(node.branches[index]!.days) : list([]);
    case 'date':
      return list(node.branches[index]!.dates.map(describeDateRange));
    case 'percent':
      return `${node.branches[index]!.percent}%`;
  }
}

/** The node found at `at`. */
export const atNode = (at: Location, node: PlanNode): Location => ({ path: at.path, where: join(at.where, nodeWords(node)) });

/** A branch of the decision node found at `at`. */
export const atBranch = (at: Location, node: DecisionNode, index: number): Location => ({
  path: `${at.path}.branches[${index}]`,
  where: join(at.where, nodeWords(node), branchWords(node, index)),
});

/** The node a branch (or `other`) leads to. */
export function atNext(at: Location, node: DecisionNode, branch: number | 'other'): Location {
  if (branch === 'other') return { path: `${at.path}.other`, where: join(at.where, nodeWords(node), 'Other') };
  const where = atBranch(at, node, branch);
  return { path: `${where.path}.next`, where: where.where };
}
