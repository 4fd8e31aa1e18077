import { definePlugin, type PluginContext } from '@switchboard/sdk';
import { registerCatalogueRoutes } from '../catalogue/catalogue-routes.js';
import { ServiceCatalogue } from '../catalogue/service-catalogue.js';
import { NumberInventory } from '../numbers/inventory.js';
import { registerNumberRoutes } from '../numbers/number-routes.js';
import { InventorySweeper } from '../numbers/sweeper.js';
import { registerNotificationRoutes } from '../notifications/notification-routes.js';
import { OrderNotifications } from '../notifications/order-notifications.js';
import { Fulfilment } from '../orders/fulfilment.js';
import { OrderJournal } from '../orders/order-journal.js';
import { registerOrderRoutes } from '../orders/order-routes.js';
import { OrderStore } from '../orders/order-store.js';
import { OrderPlacement } from '../orders/placement.js';
import type { OrdersConfig } from './config.js';
import { Tenancy } from './tenancy.js';

/**
 * The background work of the hosts running in this process. `stop()` is given no context, so it
 * cannot tell one host's plugin from another's; it stops them all (a process runs one host; tests
 * start several, one after another).
 */
const running = new Map<PluginContext<OrdersConfig>, InventorySweeper>();

/**
 * The orders plugin's server side: the service catalogue built from the installed plugins'
 * manifests; orders to add, change and remove services, their life cycle and the fulfilment queue
 * (completion changes the tenant's subscriptions and numbers); the toll-free number inventory (spare, reserved, assigned, disconnected and aging),
 * its vanity search, and the sweep that puts lapsed reservations and aged numbers back to spare.
 */
export default definePlugin<void, OrdersConfig>({
  setup(ctx) {
    const tenancy = new Tenancy(ctx.container);
    const inventory = new NumberInventory(ctx.storage, ctx.clock);
    const catalogue = new ServiceCatalogue(ctx.container, tenancy, inventory, ctx.storage.knex);
    const orders = new OrderStore(ctx.storage);
    const journal = new OrderJournal(ctx.audit, ctx.events, ctx.logger);
    const placement = new OrderPlacement(ctx.storage.knex, orders, inventory, catalogue, journal, ctx.clock, ctx.config);
    const fulfilment = new Fulfilment(ctx.storage.knex, orders, inventory, tenancy, journal, ctx.clock, ctx.config, ctx.logger);
    registerNumberRoutes(ctx.dispatcher, inventory, tenancy);
    registerCatalogueRoutes(ctx.dispatcher, catalogue);
    registerOrderRoutes(ctx.dispatcher, orders, placement, fulfilment);
    registerNotificationRoutes(ctx.dispatcher, new OrderNotifications(ctx.storage), ctx.events);
    running.set(ctx, new InventorySweeper(inventory, ctx.audit, ctx.logger, ctx.config.sweepIntervalMinutes));
  },

  // After the migrations: the sweep needs the table.
  start(ctx) {
    running.get(ctx)?.start();
  },

  async stop() {
    const stopping = [...running.values()];
    running.clear();
    await Promise.all(stopping.map((sweeper) => sweeper.stop()));
  },
});
