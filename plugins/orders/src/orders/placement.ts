import type { Knex } from 'knex';
import { badRequest, conflict, type Clock, type FieldError, type Identity } from '@switchboard/sdk';
import type { ServiceCatalogue } from '../catalogue/service-catalogue.js';
import { serviceKey } from '../catalogue/service-catalogue.js';
import type { NumberInventory, Reservation } from '../numbers/inventory.js';
import type { OrdersConfig } from '../server/config.js';
import { planItems, type OrderInput, type PlannedItem } from './order-input.js';
import { actorOf, type OrderJournal } from './order-journal.js';
import type { Order, OrderItem } from './order-row.js';
import { newOrderId, type OrderStore } from './order-store.js';

/**
 * Places an order for the caller's own tenant: checks its lines against the catalogue and what the
 * tenant has, then stores the order and reserves its numbers in one transaction, so an order is
 * never stored without its numbers nor numbers reserved for an order that is not.
 */
export class OrderPlacement {
  constructor(
    private readonly knex: Knex,
    private readonly orders: OrderStore,
    private readonly inventory: NumberInventory,
    private readonly catalogue: ServiceCatalogue,
    private readonly journal: OrderJournal,
    private readonly clock: Clock,
    private readonly config: Pick<OrdersConfig, 'reservationDays'>,
  ) {}

  async place(identity: Identity, input: OrderInput): Promise<Order> {
    const { items, problems } = planItems(input, (key) => this.catalogue.find(key));
    if (problems.length) throw badRequest('The order is not valid; nothing was ordered.', problems);
    const tenantId = identity.tenantId;
    await this.checkAgainstHoldings(identity, items);

    const id = newOrderId();
    const at = this.clock.now().toISOString();
    const reservation: Reservation = { tenantId, orderId: id, until: this.inventory.daysFromNow(this.config.reservationDays) };
    const note = input.note?.trim() || null;
    await this.knex.transaction(async (trx) => {
      const stored: OrderItem[] = [];
      for (const [index, item] of items.entries()) stored.push(await this.reserveFor(trx, reservation, item, index));
      await this.orders.insert(trx, { id, tenantId, items: stored, note, at });
      await this.orders.addStep(trx, { orderId: id, tenantId, status: 'submitted', at, by: actorOf(identity), note });
    });
    await this.journal.stepped({ orderId: id, tenantId, from: null, to: 'submitted', by: identity, note });
    return (await this.orders.getVisible(identity, id))!;
  }

  /** Adding what the tenant has, or changing and removing what it does not, is refused (409) before anything is reserved. */
  private async checkAgainstHoldings(identity: Identity, items: PlannedItem[]): Promise<void> {
    const subscribed = await this.catalogue.subscriptions(identity, identity.tenantId);
    const had: FieldError[] = [];
    const missing: FieldError[] = [];
    const holding: FieldError[] = [];
    for (const [index, item] of items.entries()) {
      const field = `body.items[${index}].service`;
      const name = serviceKey(item.service);
      if (item.action === 'add' && subscribed.has(item.service.plugin)) had.push({ field, message: `you have ${name} already; change it instead` });
      if (item.action !== 'add' && !subscribed.has(item.service.plugin)) missing.push({ field, message: `you do not have ${name}` });
      if (item.action === 'remove' && item.service.quantities === 'numbers') {
        const held = await this.inventory.countHeld(this.knex, identity.tenantId);
        if (held.assigned + held.reserved > 0) holding.push({ field, message: `you hold ${held.assigned + held.reserved} numbers of it; remove them first (change the service)` });
      }
    }
    if (had.length) throw conflict('The order adds services you have already.', 'already_subscribed', had);
    if (missing.length) throw conflict('The order changes or removes services you do not have.', 'not_subscribed', missing);
    if (holding.length) throw conflict('The order removes a service you still hold numbers of.', 'numbers_held', holding);
  }

  /** One line's numbers: reserved from the inventory, and those it removes checked as the tenant's. */
  private async reserveFor(trx: Knex.Transaction, reservation: Reservation, item: PlannedItem, index: number): Promise<OrderItem> {
    const at = `body.items[${index}]`;
    let reserved: string[] = [];
    const request = item.numbers;
    if (request && 'pick' in request) {
      const unavailable = await this.inventory.reserveChosen(trx, reservation, request.pick);
      if (unavailable.length) {
        throw conflict(
          'Some numbers picked are not spare; nothing was ordered.',
          'numbers_unavailable',
          unavailable.map((number) => ({ field: `${at}.numbers.pick[${request.pick.indexOf(number)}]`, message: `${number} is not a spare number` })),
        );
      }
      reserved = [...request.pick].sort();
    } else if (request) {
      reserved = await this.inventory.reserveAny(trx, reservation, request.quantity, request.like);
      if (reserved.length < request.quantity) {
        const what = request.like === null ? 'spare numbers' : 'spare numbers match the pattern';
        throw conflict(`Only ${reserved.length} ${what}; ${request.quantity} were asked for. Nothing was ordered.`, 'not_enough_numbers', [
          { field: `${at}.numbers.quantity`, message: `at most ${reserved.length} are available` },
        ]);
      }
    }
    const held = new Set(await this.inventory.assignedTo(trx, reservation.tenantId, item.removeNumbers));
    const notHeld = item.removeNumbers.filter((number) => !held.has(number));
    if (notHeld.length) {
      throw conflict(
        'Some numbers to remove are not yours; nothing was ordered.',
        'numbers_not_held',
        notHeld.map((number) => ({ field: `${at}.removeNumbers[${item.removeNumbers.indexOf(number)}]`, message: `${number} is not one of your numbers` })),
      );
    }
    return { action: item.action, service: serviceKey(item.service), plugin: item.service.plugin, reserved, disconnect: item.removeNumbers };
  }
}
