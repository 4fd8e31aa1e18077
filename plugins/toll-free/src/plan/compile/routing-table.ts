import type { CompiledPlan } from './compile-plan.js';
import type { RoutingDecision, RoutingQuery } from './decision.js';

/**
 * The compiled plans in force, by the toll-free numbers they are attached to. Immutable: a new
 * activation builds a new table and swaps the reference, so a query sees either the old plans or
 * the new ones, never half of each.
 */
export class RoutingTable {
  private readonly plans: ReadonlyMap<string, CompiledPlan>;

  constructor(attachments: Iterable<{ numbers: Iterable<string>; plan: CompiledPlan }>) {
    const plans = new Map<string, CompiledPlan>();
    for (const { numbers, plan } of attachments) for (const number of numbers) plans.set(number, plan);
    this.plans = plans;
  }

  /** The decision of the plan on the dialed number, or null when no plan is attached to it. */
  route(query: RoutingQuery): RoutingDecision | null {
    return this.plans.get(query.dialedNumber)?.decide(query) ?? null;
  }
}
