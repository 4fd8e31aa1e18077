import type { AuditLog, EventBus, Identity, Logger } from '@switchboard/sdk';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, ORDER_CHANGED, type NumberAssigned, type NumberDisconnected, type OrderChanged, type OrderStatus } from '../events.js';
import type { Actor } from './order-row.js';

export const actorOf = (identity: Identity): Actor => ({ kind: identity.kind, subject: identity.subject, name: identity.name ?? null });

/**
 * What happens after an order's step has committed: an entry in the audit trail of the order's
 * tenant (the dispatcher's own entry names the caller's tenant, which for staff is another), and
 * the events for the shell and other plugins. A failure to publish is logged, not thrown: the step
 * is made, and failing the request would invite the same step again.
 */
export class OrderJournal {
  constructor(
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  async stepped(step: { orderId: string; tenantId: string; from: OrderStatus | null; to: OrderStatus; by: Identity; note: string | null; details?: Record<string, unknown> }): Promise<void> {
    const actor = actorOf(step.by);
    await this.audit.append({
      actor: { kind: actor.kind, subject: actor.subject, ...(actor.name ? { name: actor.name } : {}) },
      tenantId: step.tenantId,
      plugin: 'orders',
      action: `order.${step.to}`,
      resource: step.orderId,
      outcome: 200,
      details: { from: step.from, to: step.to, ...(step.note ? { note: step.note } : {}), ...step.details },
    });
    const changed: OrderChanged = { orderId: step.orderId, tenantId: step.tenantId, status: step.to };
    await this.publish(ORDER_CHANGED, changed, `${ORDER_CHANGED}:${step.orderId}:${step.to}`);
  }

  /** One event per number assigned by an order. */
  async assigned(orderId: string, tenantId: string, numbers: readonly string[]): Promise<void> {
    for (const number of numbers) {
      const data: NumberAssigned = { number, tenantId };
      await this.publish(NUMBER_ASSIGNED, data, `${NUMBER_ASSIGNED}:${orderId}:${number}`);
    }
  }

  /** One event per number disconnected by an order. */
  async disconnected(orderId: string, tenantId: string, numbers: readonly string[]): Promise<void> {
    for (const number of numbers) {
      const data: NumberDisconnected = { number, tenantId };
      await this.publish(NUMBER_DISCONNECTED, data, `${NUMBER_DISCONNECTED}:${orderId}:${number}`);
    }
  }

  private async publish<T>(subject: string, data: T, id: string): Promise<void> {
    try {
      await this.events.publish(subject, data, { id });
    } catch (error) {
      this.logger.error({ err: error, subject, data }, 'an orders event could not be published');
    }
  }
}
