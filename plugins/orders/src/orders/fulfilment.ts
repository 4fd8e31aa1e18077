import type { Knex } from 'knex';
import { badRequest, conflict, forbidden, notFound, unprocessable, type Clock, type Identity, type Logger } from '@switchboard/sdk';
import type { OrderStatus } from '../events.js';
import type { NumberInventory } from '../numbers/inventory.js';
import type { OrdersConfig } from '../server/config.js';
import type { Tenancy } from '../server/tenancy.js';
import { OPEN_STATUSES, requireTransition, TransitionRefused } from './life-cycle.js';
import { actorOf, type OrderJournal } from './order-journal.js';
import type { Order } from './order-row.js';
import type { OrderStore } from './order-store.js';

/** The statuses staff move an order to; cancelling is the customer's. */
export type StaffStatus = Exclude<OrderStatus, 'submitted' | 'cancelled'>;

/**
 * The life of an order after it is placed: staff of the tenants above accept, provision, complete
 * or reject it; the customer may cancel it while it is only submitted. Every step moves the status
 * only from the one it was read in (a race has one winner), is recorded with who and when, audited
 * in the order's tenant, and announced on the bus.
 */
export class Fulfilment {
  constructor(
    private readonly knex: Knex,
    private readonly orders: OrderStore,
    private readonly inventory: NumberInventory,
    private readonly tenancy: Tenancy,
    private readonly journal: OrderJournal,
    private readonly clock: Clock,
    private readonly config: Pick<OrdersConfig, 'agingDays'>,
    private readonly logger: Logger,
  ) {}

  /** The customer's cancellation of a submitted order; its reserved numbers go back to spare. */
  async cancel(identity: Identity, orderId: string, note: string | null): Promise<Order> {
    const order = await this.visible(identity, orderId);
    requireTransition(order.status, 'cancelled');
    await this.step(identity, order, 'cancelled', note, (trx) => this.inventory.release(trx, order.id));
    return this.reread(identity, orderId);
  }

  /** A step by staff of a tenant above the order's. */
  async advance(identity: Identity, orderId: string, to: StaffStatus, note: string | null): Promise<Order> {
    const order = await this.visible(identity, orderId);
    // A tenant's own staff never work its own orders: that would be a tenant granting itself services.
    if (order.tenantId === identity.tenantId) throw forbidden("Your own tenant's orders are fulfilled by the tenant above yours.", 'own_order');
    requireTransition(order.status, to);
    if (to === 'rejected' && !note) throw badRequest('Say why the order is rejected; the customer reads it.', [{ field: 'body.note', message: 'is required to reject an order' }]);
    if (to === 'accepted') await this.requireOffered(identity, order);
    if (to === 'completed') await this.complete(identity, order, note);
    else await this.step(identity, order, to, note, to === 'rejected' ? (trx) => this.inventory.release(trx, order.id) : undefined);
    return this.reread(identity, orderId);
  }

  /** The open orders of the tenants below the caller's, oldest first: the fulfilment queue. */
  queue(identity: Identity, options: { statuses?: readonly OrderStatus[]; after?: string; limit: number }) {
    const below = identity.tenants.filter((tenantId) => tenantId !== identity.tenantId);
    return this.orders.list({ tenants: below, statuses: options.statuses ?? OPEN_STATUSES, oldestFirst: true, after: options.after, limit: options.limit });
  }

  private async visible(identity: Identity, orderId: string): Promise<Order> {
    const order = await this.orders.getVisible(identity, orderId);
    if (!order) throw notFound('No such order.');
    return order;
  }

  private async reread(identity: Identity, orderId: string): Promise<Order> {
    return (await this.orders.getVisible(identity, orderId))!;
  }

  /**
   * A tenant may have only what the tenant above it has. Its customers cannot read that, so the
   * staff accepting the order confirm it, with their own right to see the tenants involved.
   */
  private async requireOffered(identity: Identity, order: Order): Promise<void> {
    const added = order.items.filter((item) => item.action === 'add');
    if (!added.length) return;
    const tenant = await this.tenancy.directory.getTenant(identity, order.tenantId);
    const offered = new Set(await this.tenancy.directory.getSubscriptions(identity, tenant.parentId!));
    const beyond = added.filter((item) => !offered.has(item.plugin));
    if (beyond.length) {
      throw unprocessable(
        'The tenant above does not have every service this order adds, so it cannot pass them on; reject the order or add the services above first.',
        beyond.map((item) => ({ field: `items[${order.items.indexOf(item)}].service`, message: `${item.service} is not offered by ${tenant.parentId}` })),
        'not_offered',
      );
    }
  }

  /**
   * Completion changes two stores: the directory's subscriptions (the host's tables, through its
   * contract, which takes no part in our transaction) and the plugin's own order and numbers (one
   * transaction). The directory goes first, because it is the one that may refuse (the staff
   * member's own rights, the tenant above's services), and because setting subscriptions is
   * idempotent: should the plugin's transaction then fail, the order stays in provisioning with
   * nothing of its own changed, and completing it again finishes it without changing the
   * directory twice. The plugin's transaction moves the order only from in provisioning, so two
   * completions at once complete it once.
   */
  private async complete(identity: Identity, order: Order, note: string | null): Promise<void> {
    const reserving = order.items.flatMap((item) => item.reserved);
    const removing = order.items.flatMap((item) => item.disconnect);
    const stillReserved = new Set(await this.inventory.reservedFor(this.knex, order.id));
    const lapsed = reserving.filter((number) => !stillReserved.has(number));
    if (lapsed.length) await this.refuseIfMoved(identity, order, 'completed');
    if (lapsed.length) throw this.lapsedReservations(lapsed);
    const held = new Set(await this.inventory.assignedTo(this.knex, order.tenantId, removing));
    const gone = removing.filter((number) => !held.has(number));
    if (gone.length) await this.refuseIfMoved(identity, order, 'completed');
    if (gone.length) throw conflict('Some numbers this order removes are no longer the customer\'s; reject the order.', 'numbers_not_held', gone.map((number) => ({ field: 'numbers', message: `${number} is not assigned to ${order.tenantId}` })));

    const subscriptionsChanged = await this.changeSubscriptions(identity, order);

    const availableAt = this.inventory.daysFromNow(this.config.agingDays);
    let assigned: string[] = [];
    let disconnected: string[] = [];
    try {
      await this.step(identity, order, 'completed', note, async (trx) => {
        assigned = await this.inventory.assignReserved(trx, order.id);
        if (assigned.length !== reserving.length) throw this.lapsedReservations(reserving.filter((number) => !assigned.includes(number)));
        disconnected = await this.inventory.disconnect(trx, order.tenantId, order.id, removing, availableAt);
        if (disconnected.length !== removing.length) throw conflict('Some numbers this order removes changed meanwhile; try again.', 'numbers_not_held');
      });
    } catch (error) {
      if (subscriptionsChanged) this.logger.warn({ err: error, orderId: order.id }, 'the subscriptions changed but the order did not complete; completing it again finishes it');
      throw error;
    }
    await this.journal.assigned(order.id, order.tenantId, assigned);
    await this.journal.disconnected(order.id, order.tenantId, disconnected);
  }

  /**
   * A completion racing another sees the numbers the other just assigned as no longer reserved: the
   * truth to tell is that the order moved on (409 invalid_transition with its status now), not that
   * its reservation lapsed.
   */
  private async refuseIfMoved(identity: Identity, order: Order, to: OrderStatus): Promise<void> {
    const now = await this.orders.getVisible(identity, order.id);
    if (now && now.status !== order.status) throw new TransitionRefused(now.status, to);
  }

  private lapsedReservations(numbers: readonly string[]) {
    return conflict(
      'The reservation of some numbers of this order lapsed; reject the order so the customer can order again.',
      'reservation_expired',
      numbers.map((number) => ({ field: 'numbers', message: `${number} is no longer reserved for this order` })),
    );
  }

  /** The tenant's subscriptions with what the order adds and without what it removes, set as the staff member; false when it changes none. */
  private async changeSubscriptions(identity: Identity, order: Order): Promise<boolean> {
    const adding = order.items.filter((item) => item.action === 'add').map((item) => item.plugin);
    const removing = order.items.filter((item) => item.action === 'remove').map((item) => item.plugin);
    if (!adding.length && !removing.length) return false;
    const { directory } = this.tenancy;
    const current = await directory.getSubscriptions(identity, order.tenantId);
    const wanted = new Set([...current.filter((plugin) => plugin !== 'host'), ...adding]);
    removing.forEach((plugin) => wanted.delete(plugin));
    await directory.setSubscriptions(identity, order.tenantId, [...wanted]);
    return true;
  }

  /**
   * Moves the order one step in one transaction with the step's own changes (`work`), then records
   * it. Lost the race (the order moved meanwhile): 409 with where it is now.
   */
  private async step(identity: Identity, order: Order, to: OrderStatus, note: string | null, work?: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.knex.transaction(async (trx) => {
      if (!(await this.orders.moveStatus(trx, order.id, order.status, to, at))) {
        const now = await this.orders.getVisible(identity, order.id, trx);
        throw new TransitionRefused(now?.status ?? order.status, to);
      }
      await work?.(trx);
      await this.orders.addStep(trx, { orderId: order.id, tenantId: order.tenantId, status: to, at, by: actorOf(identity), note });
    });
    await this.journal.stepped({ orderId: order.id, tenantId: order.tenantId, from: order.status, to, by: identity, note });
  }
}
