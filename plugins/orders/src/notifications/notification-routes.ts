import { eventStream, liveEvents, mapEvents, type EventBus, type PluginDispatcher } from '@switchboard/sdk';
import { NOTIFICATIONS_CHANGED_EVENT } from '@switchboard/sdk/dist/web/contract.js';
import { ORDER_CHANGED, type OrderChanged } from '../events.js';
import { toShellNotification, type OrderNotifications } from './order-notifications.js';
import { notificationSchemas as schemas } from './schemas.js';

const DEFAULT_LIMIT = 20;

/**
 * The shell's notifications of order changes (the web contract's notification routes): GET
 * /notifications, the latest changes of the orders of the caller's tenants in the caller's terms
 * (what others did: one's own steps are no news),
 * and GET /notifications/live, an event `changed` for each change of one of those orders as it
 * commits, after which the shell reads the list again. The stream carries only the order's id and
 * status, so a client that missed an event (a reconnection) loses nothing: the list is the record.
 */
export function registerNotificationRoutes(dispatcher: PluginDispatcher, notifications: OrderNotifications, events: EventBus): void {
  dispatcher.route<Record<string, string>, { limit?: number }>({
    method: 'GET',
    path: '/notifications',
    access: { entitlement: 'orders.read' },
    schemas: { query: schemas.listQuery, response: schemas.list },
    handler: async ({ query, identity }) => {
      const changes = await notifications.recent(identity!, query.limit ?? DEFAULT_LIMIT);
      return { items: changes.map((change) => toShellNotification(change, identity!.tenantId)) };
    },
  });

  dispatcher.route({
    method: 'GET',
    path: '/notifications/live',
    access: { entitlement: 'orders.read' },
    handler: ({ identity }) => {
      const tenants = new Set(identity!.tenants);
      return eventStream(
        mapEvents(liveEvents<OrderChanged>(events, ORDER_CHANGED), (event) =>
          tenants.has(event.data.tenantId) ? { event: NOTIFICATIONS_CHANGED_EVENT, data: { orderId: event.data.orderId, status: event.data.status } } : undefined,
        ),
      );
    },
  });
}
