import { notFound, reply, type PluginDispatcher } from '@switchboard/sdk';
import type { OrderStatus } from '../events.js';
import type { Fulfilment, StaffStatus } from './fulfilment.js';
import type { OrderInput } from './order-input.js';
import type { OrderStore } from './order-store.js';
import type { OrderPlacement } from './placement.js';
import { orderSchemas as schemas } from './schemas.js';

const DEFAULT_PAGE = 50;

interface ListQuery {
  status?: OrderStatus;
  after?: string;
  limit?: number;
}

const noteOf = (body: { note?: string } | undefined) => body?.note?.trim() || null;

/**
 * Customers place, follow and cancel their own orders (their tenant subtree's: another tenant's
 * order is answered as one that does not exist); staff of the tenants above work them from the
 * fulfilment queue. Every change is audited by the dispatcher in the caller's tenant, and by the
 * plugin in the order's.
 */
export function registerOrderRoutes(dispatcher: PluginDispatcher, orders: OrderStore, placement: OrderPlacement, fulfilment: Fulfilment): void {
  dispatcher.route<Record<string, string>, Record<string, unknown>, OrderInput>({
    method: 'POST',
    path: '/orders',
    access: { entitlement: 'orders.write' },
    schemas: { body: schemas.placeBody, response: schemas.order },
    summary: 'place an order',
    handler: async ({ body, identity }) => reply(201, await placement.place(identity!, body)),
  });

  dispatcher.route<Record<string, string>, ListQuery>({
    method: 'GET',
    path: '/orders',
    access: { entitlement: 'orders.read' },
    schemas: { query: schemas.listQuery, response: schemas.orderPage },
    handler: async ({ query, identity }) => {
      const page = await orders.list({ tenants: identity!.tenants, statuses: query.status ? [query.status] : undefined, oldestFirst: false, after: query.after, limit: query.limit ?? DEFAULT_PAGE });
      return { orders: page.items, next: page.next };
    },
  });

  dispatcher.route<{ id: string }>({
    method: 'GET',
    path: '/orders/:id',
    access: { entitlement: 'orders.read' },
    schemas: { params: schemas.orderParams, response: schemas.order },
    handler: async ({ params, identity }) => {
      const order = await orders.getVisible(identity!, params.id);
      if (!order) throw notFound('No such order.');
      return order;
    },
  });

  dispatcher.route<{ id: string }, Record<string, unknown>, { note?: string }>({
    method: 'POST',
    path: '/orders/:id/cancel',
    access: { entitlement: 'orders.write' },
    schemas: { params: schemas.orderParams, body: schemas.noteBody, response: schemas.order },
    summary: 'cancel an order',
    handler: ({ params, body, identity }) => fulfilment.cancel(identity!, params.id, noteOf(body)),
  });

  dispatcher.route<Record<string, string>, ListQuery>({
    method: 'GET',
    path: '/queue',
    access: { entitlement: 'fulfilment.write' },
    schemas: { query: schemas.listQuery, response: schemas.orderPage },
    handler: async ({ query, identity }) => {
      const page = await fulfilment.queue(identity!, { statuses: query.status ? [query.status] : undefined, after: query.after, limit: query.limit ?? DEFAULT_PAGE });
      return { orders: page.items, next: page.next };
    },
  });

  dispatcher.route<{ id: string }, Record<string, unknown>, { status: StaffStatus; note?: string }>({
    method: 'POST',
    path: '/orders/:id/status',
    access: { entitlement: 'fulfilment.write' },
    schemas: { params: schemas.orderParams, body: schemas.statusBody, response: schemas.order },
    summary: 'move an order on in fulfilment',
    handler: ({ params, body, identity }) => fulfilment.advance(identity!, params.id, body.status, noteOf(body)),
  });
}
