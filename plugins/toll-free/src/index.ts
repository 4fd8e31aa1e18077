// @switchboard/plugin-toll-free: what other plugins and the server use of toll-free routing: the
// plan model and its JSON schema, validation, and the compiled plans that decide calls.

// The model.
export type * from './plan/model.js';
export { DAYS_OF_WEEK, isDecision } from './plan/model.js';
export { ROUTING_PLAN_SCHEMA } from './plan/plan-schema.js';
export { MAX_BRANCHES_PER_NODE, MAX_ID_LENGTH, MAX_LABEL_LENGTH, MAX_PLAN_DEPTH, MAX_PLAN_NODES, MAX_VALUES_PER_NODE } from './plan/limits.js';

// Validation.
export { validatePlan, type ValidateOptions } from './plan/validate/validate-plan.js';
export { hasErrors, type PlanProblem, type PlanProblemCode } from './plan/problems.js';
export type { OwnedDestinations } from './plan/destinations.js';
export { atBranch, atNext, atNode, branchWords, nodeWords, ROOT, type Location } from './plan/locations.js';

// Decisions.
export { compilePlan, InvalidPlanError, type CompiledPlan } from './plan/compile/compile-plan.js';
export { RoutingTable } from './plan/compile/routing-table.js';
export type { PathStep, RoutingDecision, RoutingQuery } from './plan/compile/decision.js';
export { isKnownTimeZone } from './plan/time/zone-offsets.js';
