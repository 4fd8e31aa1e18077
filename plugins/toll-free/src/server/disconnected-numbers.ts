import type { AuditLog, DurableEvent, EventBus, Logger, Subscription } from '@switchboard/sdk';
import { NUMBER_DISCONNECTED, type NumberDisconnected } from '@switchboard/plugin-orders';
import type { Customers } from './customers.js';
import type { PlanStore } from './plan-store.js';
import type { RerouteStore } from './reroute-store.js';
import type { RoutingChanges } from './routing-changes.js';

/** The durable consumer's name (the bus prefixes it with the plugin id). */
const CONSUMER = 'disconnected-numbers';

/** Who takes a disconnected number off its plan, for the audit trail: the system, carrying out the order that disconnected it. */
export const DISCONNECTION_ACTOR = { kind: 'system', subject: 'toll-free-disconnections', name: 'Toll-free, for the order that disconnected the number' } as const;

/**
 * The orders plugin publishes each disconnection with the id `orders.numbers.disconnected:<order>:<number>`
 * (its deduplication id), so the order that disconnected the number is read from it for the audit
 * trail; another publisher's id leaves the order unknown.
 */
const ORDER_IN_EVENT_ID = /^orders\.numbers\.disconnected:(?<orderId>.+):\+\d+$/;

/**
 * Stops routing a number by its customer's plan once the number is disconnected (the orders
 * plugin's `orders.numbers.disconnected`): the number is taken off its plan, every version at once,
 * and off an emergency re-route in force (which ends if it held no other number); each change is
 * audited in the customer's tenant and published as a routing change, so every host process
 * rebuilds and the network's next query for the number is a 404 `no_route`.
 *
 * A durable consumer, acknowledged once done, so a disconnection made while no host ran is applied
 * when one starts; one host process applies each event (the change is in storage) and the routing
 * change reaches them all. Left alone: a number the carrier's settings give the same customer (the
 * settings win, as everywhere in this plugin), and a stale disconnection, of a number another
 * customer has now or that this customer was given again and planned after it.
 */
export class DisconnectedNumbers {
  private subscription: Subscription | undefined;

  constructor(
    private readonly events: EventBus,
    private readonly plans: PlanStore,
    private readonly reroutes: RerouteStore,
    private readonly customers: Customers,
    private readonly changes: RoutingChanges,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.events.consume<NumberDisconnected>(CONSUMER, NUMBER_DISCONNECTED, async (event) => {
      await this.follow(event);
      await event.ack();
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private async follow(event: DurableEvent<NumberDisconnected>): Promise<void> {
    const { number, tenantId } = event.data;
    if (this.customers.settingOf(tenantId)?.numbers.includes(number)) {
      this.logger.warn({ number, tenantId }, "a number the toll-free settings give this customer was disconnected by an order; the settings win and its plan keeps routing it");
      return;
    }
    const detached = await this.plans.detachNumber({ number, tenantId, notAfter: new Date(event.publishedAt).toISOString() });
    if (detached) {
      const orderId = ORDER_IN_EVENT_ID.exec(event.id)?.groups?.orderId ?? null;
      await this.audit.append({
        actor: DISCONNECTION_ACTOR,
        tenantId,
        plugin: 'toll-free',
        action: 'plan.number.detach',
        resource: detached.planId,
        outcome: 0,
        details: { number, orderId, eventId: event.id, activeVersion: detached.activeVersion, scheduledVersions: detached.scheduledVersions, numbersLeft: detached.numbers },
      });
      this.logger.info({ number, tenantId, planId: detached.planId }, 'disconnected number taken off its routing plan');
    }
    const rerouted = await this.reroutes.releaseNumber({ number, tenantId, by: DISCONNECTION_ACTOR.subject });
    if (rerouted) {
      const ended = rerouted.numbers.length === 1;
      await this.audit.append({
        actor: DISCONNECTION_ACTOR,
        tenantId,
        plugin: 'toll-free',
        action: ended ? 'reroute.end' : 'reroute.number.release',
        resource: rerouted.id,
        outcome: 0,
        details: { number, eventId: event.id, numbersLeft: rerouted.numbers.filter((other) => other !== number) },
      });
      this.logger.info({ number, tenantId, rerouteId: rerouted.id, ended }, 'disconnected number taken off its emergency re-route');
    }
    // A redelivery may follow a routing change that was never published (the bus refused it after
    // the detachment committed): publish it again, so no host keeps routing the number.
    if (detached || rerouted || event.deliveries > 1) await this.changes.changed({ tenantId, why: 'number-disconnected', ...(detached ? { planId: detached.planId } : {}) });
  }
}
