import type { OwnedDestinations } from '../destinations.js';
import { MAX_BRANCHES_PER_NODE, MAX_PLAN_DEPTH, MAX_PLAN_NODES, MAX_VALUES_PER_NODE } from '../limits.js';
import { atBranch, atNext, atNode, ROOT, type Location } from '../locations.js';
import { isDecision, type DecisionNode, type PlanNode, type RoutingPlan } from '../model.js';
import type { PlanProblem } from '../problems.js';
import { checkAction, ownedSets, type Owned } from './action-checks.js';
import { checkOriginValues, originValues } from './origin-values.js';
import { checkPercentages } from './percent-values.js';
import { everyCall, reachClock, reachOrigin, type BranchReach, type Reach } from './reachability.js';
import { Report } from './report.js';
import { checkDates, checkDaysOfWeek, checkTimeOfDay } from './time-values.js';

export interface ValidateOptions {
  /**
   * The customer's own destinations: with them, routes to call centers, announcements (and
   * numbers or SIP domains, where listed) that are not theirs are errors. Without them those are
   * not checked, as when an active plan is compiled again on a restart.
   */
  owned?: OwnedDestinations;
}

/**
 * Everything wrong with a plan of the right shape (ROUTING_PLAN_SCHEMA), in the order the tree
 * is read: errors, which keep it from being activated, and warnings. An empty list means the
 * plan can be compiled and activated as it is.
 */
export function validatePlan(plan: RoutingPlan, options: ValidateOptions = {}): PlanProblem[] {
  const walk = new PlanWalk(options.owned ? ownedSets(options.owned) : null);
  walk.visit(plan.root, ROOT, 1, everyCall());
  if (walk.nodes > MAX_PLAN_NODES)
    walk.report.error('size_limit', atNode(ROOT, plan.root), plan.root.id, `The plan has ${walk.nodes} nodes; at most ${MAX_PLAN_NODES} are allowed.`);
  return walk.report.problems;
}

class PlanWalk {
  readonly report = new Report();
  nodes = 0;
  private readonly ids = new Map<string, string>();

  constructor(private readonly owned: Owned | null) {}

  /** `depth` counts the decision nodes on the path, this one included. */
  visit(node: PlanNode, at: Location, depth: number, reach: Reach): void {
    this.nodes++;
    const seen = this.ids.get(node.id);
    if (seen !== undefined) this.report.error('duplicate_node_id', atNode(at, node), node.id, `Node id "${node.id}" is already used at ${seen}; every node needs its own.`);
    else this.ids.set(node.id, atNode(at, node).where);
    if (!isDecision(node)) return checkAction(node, at, this.owned, this.report);
    if (depth > MAX_PLAN_DEPTH) {
      // Not read further: a plan nested this deep may be nested without end.
      this.report.error('depth_limit', atNode(at, node), node.id, `This is decision ${depth} on its path; a plan may nest at most ${MAX_PLAN_DEPTH} decisions.`);
      return;
    }
    const reaches = this.checkDecision(node, at, reach);
    node.branches.forEach((branch, i) => this.visit(branch.next, atNext(at, node, i), depth + 1, reaches.branches[i]!));
    if (node.type !== 'percent' && node.other) this.visit(node.other, atNext(at, node, 'other'), depth + 1, reaches.other);
  }

  private checkDecision(node: DecisionNode, at: Location, reach: Reach): BranchReach {
    const where = atNode(at, node);
    if (node.branches.length > MAX_BRANCHES_PER_NODE)
      this.report.error('branch_limit', where, node.id, `This node has ${node.branches.length} branches; at most ${MAX_BRANCHES_PER_NODE} are allowed.`);
    if (node.type === 'percent') {
      checkPercentages(node, at, this.report);
      return { branches: node.branches.map(() => reach), other: reach };
    }
    if (!node.other) this.report.error('missing_other', where, node.id, 'This node has no Other branch: say where calls go that none of its branches takes.');
    if (!node.branches.length) this.report.warning('no_branches', where, node.id, 'This node has only its Other branch, so it decides nothing.');
    const counts = node.branches.map((_, i) => valueCount(node, i));
    counts.forEach((count, i) => {
      if (!count) this.report.error('empty_branch', atBranch(at, node, i), node.id, 'This branch has no values, so no call ever takes it.');
    });
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (total > MAX_VALUES_PER_NODE) this.report.error('value_limit', where, node.id, `This node lists ${total} values; at most ${MAX_VALUES_PER_NODE} are allowed.`);
    switch (node.type) {
      case 'time-of-day':
        return reachClock(node, at, checkTimeOfDay(node, at, this.report), reach, this.report);
      case 'day-of-week':
        return reachClock(node, at, checkDaysOfWeek(node, at, this.report), reach, this.report);
      case 'date':
        return reachClock(node, at, checkDates(node, at, this.report), reach, this.report);
      default:
        return reachOrigin(node, at, checkOriginValues(node, at, this.report), reach, this.report);
    }
  }
}

function valueCount(node: Exclude<DecisionNode, { type: 'percent' }>, index: number): number {
  switch (node.type) {
    case 'time-of-day':
      return node.branches[index]!.ranges.length;
    case 'day-of-week':
      return node.branches[index]!.days.length;
    case 'date':
      return node.branches[index]!.dates.length;
    default:
      return originValues(node, index).length;
  }
}
