import { isDecision, type ActionNode, type DecisionNode, type PlanNode, type RoutingPlan } from '../model.js';
import { hasErrors, type PlanProblem } from '../problems.js';
import { validatePlan } from '../validate/validate-plan.js';
import { CallFacts } from './call-facts.js';
import type { Chooser } from './chooser.js';
import { DateChooser, DayOfWeekChooser, QuarterHourChooser } from './clock-choosers.js';
import type { PathStep, RoutingDecision, RoutingQuery } from './decision.js';
import { LataChooser, NpaTableChooser, PrefixChooser } from './origin-choosers.js';
import { PercentChooser } from './percent-chooser.js';

/** compilePlan's refusal of a plan validation finds errors in; `problems` says which. */
export class InvalidPlanError extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super(`The plan has ${problems.filter((problem) => problem.severity === 'error').length} errors: ${problems.find((problem) => problem.severity === 'error')?.message ?? ''}`);
    this.name = 'InvalidPlanError';
  }
}

/** A plan ready to decide calls. Decisions are synchronous and allocate only the path they answer. */
export interface CompiledPlan {
  decide(query: RoutingQuery): RoutingDecision;
}

interface CompiledDecision {
  chooser: Chooser;
  /** Per branch, `other` last: the step recorded and the node it leads to. */
  steps: PathStep[];
  next: CompiledNode[];
}
type CompiledNode = CompiledDecision | { action: Readonly<ActionNode> };

/**
 * Compiles a plan into lookup tables (per area code, per quarter hour of the zone's day, per day
 * of year...). Refuses, with InvalidPlanError, a plan validatePlan finds errors in; what the
 * customer owns is not checked here, since an active plan must compile again after a restart
 * even when a call center has been removed since it was activated.
 */
export function compilePlan(plan: RoutingPlan): CompiledPlan {
  const problems = validatePlan(plan);
  if (hasErrors(problems)) throw new InvalidPlanError(problems);
  const root = compileNode(structuredClone(plan.root));
  const facts = new CallFacts();
  return {
    decide(query: RoutingQuery): RoutingDecision {
      facts.load(query);
      const path: PathStep[] = [];
      let node = root;
      while ('chooser' in node) {
        const branch = node.chooser.choose(facts);
        path.push(node.steps[branch]!);
        node = node.next[branch]!;
      }
      return { action: node.action, path };
    },
  };
}

function compileNode(node: PlanNode): CompiledNode {
  if (!isDecision(node)) return { action: deepFreeze(node) };
  const children = node.type === 'percent' ? node.branches.map((branch) => branch.next) : [...node.branches.map((branch) => branch.next), node.other!];
  return {
    chooser: chooserOf(node),
    steps: children.map((_, i) => Object.freeze({ nodeId: node.id, branch: i < node.branches.length ? i : 'other' })),
    next: children.map(compileNode),
  };
}

function chooserOf(node: DecisionNode): Chooser {
  switch (node.type) {
    case 'npa':
    case 'state':
    case 'country':
      return new NpaTableChooser(node);
    case 'npa-nxx':
      return new PrefixChooser(node);
    case 'lata':
      return new LataChooser(node);
    case 'time-of-day':
      return new QuarterHourChooser(node);
    case 'day-of-week':
      return new DayOfWeekChooser(node);
    case 'date':
      return new DateChooser(node);
    case 'percent':
      return new PercentChooser(node);
  }
}

/** Decisions hand out the plan's action nodes themselves: frozen, so no caller can change the plan through one. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner);
  return Object.freeze(value);
}
