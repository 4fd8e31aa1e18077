import type { CompiledPlan } from './compile-plan.js';
import type { RoutingDecision, RoutingQuery } from './decision.js';

/** A compiled plan and the toll-free numbers it routes; the server's attachments also say which plan version it is. */
export interface Attachment {
  numbers: Iterable<string>;
  plan: CompiledPlan;
}

/**
 * The compiled plans in force, by the toll-free numbers they are attached to. Immutable: a new
 * activation builds a new table and swaps the reference, so a query sees either the old plans or
 * the new ones, never half of each.
 */
export class RoutingTable<A extends Attachment = Attachment> {
  private readonly plans: ReadonlyMap<string, A>;

  constructor(attachments: Iterable<A>) {
    const plans = new Map<string, A>();
    for (const attachment of attachments) for (const number of attachment.numbers) plans.set(number, attachment);
    this.plans = plans;
  }

  /** The attachment routing a dialed number, or undefined when no plan is attached to it. */
  attachmentOf(dialedNumber: string): A | undefined {
    return this.plans.get(dialedNumber);
  }

  /** The decision of the plan on the dialed number, or null when no plan is attached to it. */
  route(query: RoutingQuery): RoutingDecision | null {
    return this.plans.get(query.dialedNumber)?.plan.decide(query) ?? null;
  }
}
