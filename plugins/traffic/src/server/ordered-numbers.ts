import type { EventBus, Logger, Subscription } from '@switchboard/sdk';
import { NUMBER_ASSIGNED, NUMBER_DISCONNECTED, type NumberAssigned, type NumberDisconnected } from '@switchboard/plugin-orders';
import type { NumberRegistry } from './number-registry.js';

/** The durable consumer's name (the bus prefixes it with the plugin id). */
const CONSUMER = 'ordered-numbers';

/**
 * Follows the orders plugin's number inventory into traffic_numbers: a number assigned to a
 * customer by a completed order is theirs for attributing calls from then on, a disconnected one
 * stops being. A durable consumer, acknowledged once the registry has the change, so an
 * assignment made while this host was down is applied when it comes back; applying one twice
 * changes nothing.
 */
export class OrderedNumbers {
  private subscription: Subscription | undefined;

  constructor(
    private readonly events: EventBus,
    private readonly numbers: NumberRegistry,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.events.consume<NumberAssigned | NumberDisconnected>(CONSUMER, 'orders.numbers.>', async (event) => {
      const { number, tenantId } = event.data;
      if (event.subject === NUMBER_ASSIGNED) await this.numbers.assign(number, tenantId);
      else if (event.subject === NUMBER_DISCONNECTED) await this.numbers.release(number, tenantId);
      this.logger.info({ subject: event.subject, number, tenantId }, 'number ownership followed from orders');
      await event.ack();
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
  }
}
