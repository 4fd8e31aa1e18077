import { isDecision, type ActionNode, type DecisionNode, type DecisionType, type PlanNode } from '../plan/model.js';
import type { ActionChoice } from './action-choice.js';
import { nodeAt, replaceAt, type Step } from './tree-paths.js';

// The editor's changes to a plan tree, each a pure function from one tree to the next: the page
// keeps the tree it edits and swaps it whole, so an edit is never half made.

/** The decisions a network manager may pick, in the order offered, with their names. */
export const DECISION_KINDS: ReadonlyArray<{ type: DecisionType; label: string }> = [
  { type: 'percent', label: 'Percent split' },
  { type: 'npa', label: 'Origin by area code (NPA)' },
  { type: 'npa-nxx', label: 'Origin by NPA-NXX' },
  { type: 'state', label: 'Origin by state or province' },
  { type: 'lata', label: 'Origin by LATA' },
  { type: 'country', label: 'Origin by country' },
  { type: 'time-of-day', label: 'Time of day' },
  { type: 'day-of-week', label: 'Day of week' },
  { type: 'date', label: 'Date (holidays, ranges)' },
];

export const CLOCK_KINDS: ReadonlySet<DecisionType> = new Set(['time-of-day', 'day-of-week', 'date']);

type AnyBranch = DecisionNode['branches'][number];

/** Node ids not yet in the tree: `percent-2`, `route-5`. */
export class IdMaker {
  private readonly taken = new Set<string>();

  constructor(root: PlanNode) {
    const walk = (node: PlanNode) => {
      this.taken.add(node.id);
      if (!isDecision(node)) return;
      for (const branch of node.branches) walk(branch.next);
      if (node.type !== 'percent' && node.other) walk(node.other);
    };
    walk(root);
  }

  next(prefix: string): string {
    for (let n = 1; ; n++) {
      const id = `${prefix}-${n}`;
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

/** A copy of a subtree whose nodes all have new ids (ids are unique in a plan). */
export function cloneFresh(node: PlanNode, ids: IdMaker): PlanNode {
  const id = ids.next(node.type);
  if (!isDecision(node)) return { ...structuredClone(node), id };
  const branches = node.branches.map((branch) => ({ ...structuredClone(branch), next: cloneFresh(branch.next, ids) }));
  if (node.type === 'percent') return { ...node, id, branches } as PlanNode;
  return { ...node, id, branches, ...(node.other ? { other: cloneFresh(node.other, ids) } : {}) } as PlanNode;
}

/** A branch of a decision of `type`, taking no values yet (a percent branch: `percent`). */
export function emptyBranch(type: DecisionType, next: PlanNode, percent = 0): AnyBranch {
  switch (type) {
    case 'npa':
      return { npas: [], next };
    case 'npa-nxx':
      return { prefixes: [], next };
    case 'lata':
      return { latas: [], next };
    case 'state':
      return { states: [], next };
    case 'country':
      return { countries: [], next };
    case 'time-of-day':
      return { ranges: [], next };
    case 'day-of-week':
      return { days: [], next };
    case 'date':
      return { dates: [], next };
    case 'percent':
      return { percent, next };
  }
}

/** A decision of `type` whose branches lead to `nexts` (in order) and whose Other leads to `other`. */
function decision(type: DecisionType, id: string, nexts: PlanNode[], other: PlanNode, timeZone: string, label?: string): DecisionNode {
  const base = label ? { id, label } : { id };
  if (type === 'percent') {
    // Whole percentages that add up to 100: the first branches take what does not divide evenly.
    const share = Math.floor(100 / nexts.length);
    const extra = 100 - share * nexts.length;
    return { ...base, type, branches: nexts.map((next, index) => emptyBranch(type, next, share + (index < extra ? 1 : 0))) } as DecisionNode;
  }
  const branches = nexts.map((next) => emptyBranch(type, next));
  return { ...base, type, branches, other, ...(CLOCK_KINDS.has(type) ? { timeZone } : {}) } as DecisionNode;
}

/**
 * A decision put where an action was: the calls it took now reach the decision, whose first
 * branch and Other (a percent split: both branches) keep routing them where the action did, until
 * the manager changes one.
 */
export function addDecision(root: PlanNode, steps: readonly Step[], type: DecisionType, timeZone: string): PlanNode {
  const ids = new IdMaker(root);
  return replaceAt(root, steps, (node) =>
    type === 'percent' ? decision(type, ids.next(type), [node, cloneFresh(node, ids)], node, timeZone) : decision(type, ids.next(type), [node], cloneFresh(node, ids), timeZone),
  );
}

/**
 * Another kind of decision in the same place: each branch keeps where it leads, its values start
 * empty (a percent split starts even). Other becomes a branch of a percent split (which has none),
 * and a percent split's first branch's routing is copied to the new Other.
 */
export function changeKind(root: PlanNode, steps: readonly Step[], type: DecisionType, timeZone: string): PlanNode {
  const ids = new IdMaker(root);
  return replaceAt(root, steps, (node) => {
    if (!isDecision(node) || node.type === type) return node;
    const nexts = node.branches.map((branch) => branch.next);
    const zone = 'timeZone' in node ? node.timeZone : timeZone;
    if (type === 'percent') return decision(type, node.id, node.type !== 'percent' && node.other ? [...nexts, node.other] : nexts, node, zone, node.label);
    const other = node.type !== 'percent' && node.other ? node.other : cloneFresh(nexts[0]!, ids);
    return decision(type, node.id, nexts, other, zone, node.label);
  });
}

/**
 * Splits a branch in two. A percent branch halves its share between itself and a new branch
 * after it (the total is unchanged); any other gets a new branch after it with no values yet.
 * The new branch routes where the split one did, as a copy.
 */
export function splitBranch(root: PlanNode, steps: readonly Step[], index: number): PlanNode {
  const ids = new IdMaker(root);
  return replaceAt(root, steps, (node) => {
    if (!isDecision(node)) return node;
    const branch = node.branches[index];
    if (!branch) return node;
    const copy = cloneFresh(branch.next, ids);
    const branches: AnyBranch[] = [...node.branches];
    if (node.type === 'percent' && 'percent' in branch) {
      const half = Math.floor(branch.percent / 2);
      branches.splice(index, 1, { ...branch, percent: branch.percent - half }, { percent: half, next: copy });
    } else {
      branches.splice(index + 1, 0, emptyBranch(node.type, copy));
    }
    return { ...node, branches } as PlanNode;
  });
}

/** Removes a branch and what it leads to; the last branch of a decision stays (remove the decision instead). */
export function removeBranch(root: PlanNode, steps: readonly Step[], index: number): PlanNode {
  return replaceAt(root, steps, (node) => {
    if (!isDecision(node) || node.branches.length <= 1) return node;
    return { ...node, branches: node.branches.filter((_, at) => at !== index) } as PlanNode;
  });
}

/** Removes a decision: its place takes what its first branch led to; the other branches and Other go. */
export function removeDecision(root: PlanNode, steps: readonly Step[]): PlanNode {
  return replaceAt(root, steps, (node) => {
    if (!isDecision(node)) return node;
    return node.branches[0]?.next ?? (node.type !== 'percent' ? node.other : undefined) ?? node;
  });
}

/** Changes one branch's values, percentage or label. */
export function updateBranch(root: PlanNode, steps: readonly Step[], index: number, patch: Record<string, unknown>): PlanNode {
  return replaceAt(root, steps, (node) => {
    if (!isDecision(node)) return node;
    const branches = node.branches.map((branch, at) => (at === index ? dropEmpty({ ...branch, ...patch }) : branch));
    return { ...node, branches } as PlanNode;
  });
}

/** Changes a node's own fields (its label, a clock's zone). */
export function updateNode(root: PlanNode, steps: readonly Step[], patch: Record<string, unknown>): PlanNode {
  return replaceAt(root, steps, (node) => dropEmpty({ ...node, ...patch }) as PlanNode);
}

/** Puts an action (route, announce, block) where an action was, keeping its id and label. */
export function setAction(root: PlanNode, steps: readonly Step[], action: ActionChoice): PlanNode {
  return replaceAt(root, steps, (node) => (isDecision(node) ? node : ({ ...action, id: node.id, ...(node.label ? { label: node.label } : {}) } as ActionNode)));
}

/** Whether the node at `steps` is a decision. */
export const isDecisionAt = (root: PlanNode, steps: readonly Step[]): boolean => {
  const node = nodeAt(root, steps);
  return node !== undefined && isDecision(node);
};

/** An empty label is no label (the schema takes no empty strings for a name). */
function dropEmpty<T extends Record<string, unknown>>(value: T): T {
  if (value.label === '') delete value.label;
  return value;
}
