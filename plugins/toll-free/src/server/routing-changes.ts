import type { EventBus, Logger, Subscription } from '@switchboard/sdk';
import type { LiveRouting } from './live-routing.js';

/** Published when what a number routes to changed: every host process rebuilds its routing from storage. */
export const ROUTING_CHANGED = 'toll-free.routing.changed';

export interface RoutingChanged {
  tenantId: string;
  why: 'activated' | 'rolled-back' | 'schedule-due' | 'rerouted' | 'reroute-undone' | 'number-disconnected';
  planId?: string;
  version?: number;
  rerouteId?: string;
}

/**
 * Keeps every process's routing in step with storage. The process that made a change rebuilds
 * before it answers (so its caller's next query already sees the change), then tells the others on
 * the bus; each rebuilds from storage on the event, its own included (a cheap no-op then).
 */
export class RoutingChanges {
  private subscription: Subscription | null = null;

  constructor(
    private readonly live: LiveRouting,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  async listen(): Promise<void> {
    this.subscription = await this.events.subscribe<RoutingChanged>(ROUTING_CHANGED, async () => {
      await this.live.reload().catch((error: unknown) => this.logger.error({ err: error }, 'routing could not be rebuilt after a change; answering from the routing before it'));
    });
  }

  async changed(change: RoutingChanged): Promise<void> {
    await this.live.reload();
    await this.events.publish(ROUTING_CHANGED, change);
  }

  async close(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
