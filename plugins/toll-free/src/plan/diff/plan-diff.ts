import { atBranch, atNext, atNode, nodeWords, ROOT, type Location } from '../locations.js';
import { isDecision, type DecisionNode, type PlanNode, type RoutingPlan } from '../model.js';
import { describeDateRange } from '../time/calendar-dates.js';

/**
 * What changed between two versions of a plan, in words and for the editor to mark on the tree.
 * Nodes are matched by id (ids are stable while a plan is edited), a decision's branches by the
 * node they lead to: so a percentage changed on a branch reads "Percent › 70% → 60% to Route to
 * call center dallas", not as one branch removed and another added.
 */
export interface PlanChange {
  kind: 'node-added' | 'node-removed' | 'node-changed' | 'branch-added' | 'branch-removed' | 'branch-changed' | 'other-changed';
  /** The node the change is on (for a branch, its decision node). */
  nodeId: string;
  /** Where it is in the newer version (in the older one for what was removed), as validation names paths. */
  path: string;
  /** The same place in words. */
  where: string;
  message: string;
}

interface Placed {
  node: PlanNode;
  at: Location;
  parentId: string | null;
}

export function diffPlans(from: RoutingPlan, to: RoutingPlan): PlanChange[] {
  const before = index(from);
  const after = index(to);
  const changes: PlanChange[] = [];
  // Only the top of an added or removed subtree is named: what is under it came or went with it.
  for (const [id, placed] of after) {
    if (before.has(id)) continue;
    if (placed.parentId !== null && !before.has(placed.parentId)) continue;
    changes.push(change('node-added', placed, `${nodeWords(placed.node)} was added.`));
  }
  for (const [id, placed] of before) {
    if (after.has(id)) continue;
    if (placed.parentId !== null && !after.has(placed.parentId)) continue;
    changes.push(change('node-removed', placed, `${nodeWords(placed.node)} was removed.`));
  }
  for (const [id, now] of after) {
    const was = before.get(id);
    if (was) changes.push(...nodeChanges(was, now));
  }
  return changes;
}

const change = (kind: PlanChange['kind'], placed: Placed, message: string, at: Location = atNode(placed.at, placed.node), nodeId = placed.node.id): PlanChange => ({
  kind,
  nodeId,
  path: at.path,
  where: at.where,
  message,
});

function index(plan: RoutingPlan): Map<string, Placed> {
  const nodes = new Map<string, Placed>();
  const walk = (node: PlanNode, at: Location, parentId: string | null) => {
    // A plan with one id twice is invalid; the first keeps the id here, as validation reports the second.
    if (nodes.has(node.id)) return;
    nodes.set(node.id, { node, at, parentId });
    if (!isDecision(node)) return;
    node.branches.forEach((branch, i) => walk(branch.next, atNext(at, node, i), node.id));
    if (node.type !== 'percent' && node.other) walk(node.other, atNext(at, node, 'other'), node.id);
  };
  walk(plan.root, ROOT, null);
  return nodes;
}

/** What differs in one node kept from one version to the next: what it is, and for a decision its branches. */
function nodeChanges(was: Placed, now: Placed): PlanChange[] {
  const before = was.node;
  const after = now.node;
  if (before.type !== after.type) return [change('node-changed', now, `${nodeWords(before)} became ${nodeWords(after)}.`)];
  const words: string[] = [];
  const label = labelChange(before.label, after.label);
  if (label) words.push(label);
  if ('timeZone' in before && 'timeZone' in after && before.timeZone !== after.timeZone) words.push(`time zone ${before.timeZone} → ${after.timeZone}`);
  if (before.type === 'route' && after.type === 'route' && JSON.stringify(before.destination) !== JSON.stringify(after.destination))
    words.push(`${nodeWords({ ...before, label: undefined })} → ${nodeWords({ ...after, label: undefined })}`);
  if (before.type === 'announce' && after.type === 'announce' && before.announcementId !== after.announcementId) words.push(`announcement ${before.announcementId} → ${after.announcementId}`);
  const changes = words.length ? [change('node-changed', now, `${capitalize(words.join('; '))}.`)] : [];
  if (isDecision(before) && isDecision(after)) changes.push(...branchChanges(was, before, now, after));
  return changes;
}

function branchChanges(was: Placed, before: DecisionNode, now: Placed, after: DecisionNode): PlanChange[] {
  const changes: PlanChange[] = [];
  const matched = new Set<number>();
  after.branches.forEach((branch, i) => {
    const j = before.branches.findIndex((old, k) => !matched.has(k) && old.next.id === branch.next.id);
    const target = nodeWords(branch.next);
    if (j < 0) {
      changes.push(change('branch-added', now, `A branch ${branchValues(after, i)} to ${target} was added.`, atBranch(now.at, after, i)));
      return;
    }
    matched.add(j);
    const oldValues = branchValues(before, j);
    const newValues = branchValues(after, i);
    if (oldValues !== newValues) changes.push(change('branch-changed', now, `${oldValues} → ${newValues} to ${target}.`, atBranch(now.at, after, i)));
  });
  before.branches.forEach((branch, j) => {
    if (!matched.has(j)) changes.push(change('branch-removed', was, `The branch ${branchValues(before, j)} to ${nodeWords(branch.next)} was removed.`, atBranch(was.at, before, j)));
  });
  const otherBefore = before.type === 'percent' ? undefined : before.other;
  const otherAfter = after.type === 'percent' ? undefined : after.other;
  if (otherBefore?.id !== otherAfter?.id) {
    const words = (node: PlanNode | undefined) => (node ? nodeWords(node) : 'nowhere');
    changes.push(change('other-changed', now, `Other now goes to ${words(otherAfter)} (was ${words(otherBefore)}).`, atNext(now.at, after, 'other')));
  }
  return changes;
}

/** A branch's values in words, all of them (the diff must show what changed, not a summary). */
function branchValues(node: DecisionNode, index: number): string {
  const label = node.branches[index]!.label;
  const values = ((): string => {
    switch (node.type) {
      case 'npa':
        return node.branches[index]!.npas.join(', ');
      case 'npa-nxx':
        return node.branches[index]!.prefixes.join(', ');
      case 'lata':
        return node.branches[index]!.latas.map((lata) => `LATA ${lata}`).join(', ');
      case 'state':
        return node.branches[index]!.states.join(', ');
      case 'country':
        return node.branches[index]!.countries.join(', ');
      case 'time-of-day':
        return node.branches[index]!.ranges.map((range) => `${range.from}–${range.to}`).join(', ');
      case 'day-of-week':
        return node.branches[index]!.days.join(', ');
      case 'date':
        return node.branches[index]!.dates.map(describeDateRange).join(', ');
      case 'percent':
        return `${node.branches[index]!.percent}%`;
    }
  })();
  return label ? `"${label}" (${values})` : values;
}

/** A node's label given, changed or taken away, in words; null when it is the same. */
function labelChange(before: string | undefined, after: string | undefined): string | null {
  if ((before ?? '') === (after ?? '')) return null;
  if (!before) return `label "${after}" given`;
  if (!after) return `label "${before}" removed`;
  return `label changed from "${before}" to "${after}"`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
