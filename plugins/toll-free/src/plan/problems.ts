/**
 * What validatePlan finds wrong with a plan, in terms a network manager can act on. `path` names
 * the node or branch for programs (the editor marks it: `root.branches[2].next`), `where` for
 * people (`Origin by state › TX › Time of day`), `message` says what is wrong. Errors keep a plan
 * from being activated; warnings do not (a branch that is never taken, an `other` that nothing
 * falls to), but are worth a look.
 */
export interface PlanProblem {
  code: PlanProblemCode;
  severity: 'error' | 'warning';
  path: string;
  where: string;
  /** The node the problem is on (for a branch, the decision node it belongs to). */
  nodeId: string;
  message: string;
}

/** Stable: clients and the editor branch on them, so never rename one. */
export type PlanProblemCode =
  // The tree
  | 'missing_other'
  | 'no_branches'
  | 'empty_branch'
  | 'duplicate_node_id'
  | 'depth_limit'
  | 'size_limit'
  | 'branch_limit'
  | 'value_limit'
  // Values of decision nodes
  | 'malformed_value'
  | 'unknown_value'
  | 'duplicate_value'
  | 'overlapping_ranges'
  | 'unknown_time_zone'
  | 'percent_not_whole'
  | 'percent_total'
  // Reachability
  | 'unreachable_branch'
  | 'unreachable_values'
  | 'branch_never_taken'
  | 'other_never_taken'
  // Actions
  | 'malformed_destination'
  | 'destination_not_owned'
  | 'announcement_not_owned';

export const hasErrors = (problems: readonly PlanProblem[]): boolean => problems.some((problem) => problem.severity === 'error');
