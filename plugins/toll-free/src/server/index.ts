import { definePlugin, type PluginContext } from '@switchboard/sdk';
import type { TrafficContract } from '@switchboard/plugin-traffic';
import type { TollFreeConfig } from './config.js';
import { Customers } from './customers.js';
import { DisconnectedNumbers } from './disconnected-numbers.js';
import { LiveRouting } from './live-routing.js';
import { PlanScheduler } from './plan-scheduler.js';
import { PlanStore } from './plan-store.js';
import { RerouteStore } from './reroute-store.js';
import { RoutingChanges } from './routing-changes.js';
import { registerActivationRoutes } from './routes/activation-routes.js';
import { registerCustomerRoutes } from './routes/customer-routes.js';
import { registerPlanRoutes } from './routes/plan-routes.js';
import { registerRerouteRoutes } from './routes/reroute-routes.js';
import { registerRouteQuery } from './routes/route-query.js';
import { registerWhatIfRoute } from './routes/what-if-route.js';
import { trafficRouter } from './traffic-router.js';

/** What runs per host: the routing in memory, kept in step over the bus, and the scheduler. */
interface Running {
  live: LiveRouting;
  changes: RoutingChanges;
  scheduler: PlanScheduler;
  disconnections: DisconnectedNumbers;
}

/**
 * The hosts running in this process (tests start several, one after another). `stop()` is given no
 * context, so it stops them all; a process runs one host, so that is the one shutting down.
 */
const running = new Map<PluginContext<TollFreeConfig>, Running>();

/**
 * The toll-free plugin's server side: routing plans and their versions (routes under
 * /api/toll-free), the routing query the network asks, emergency re-routes, what-if replays of
 * the customer's calls (read through the traffic contract), the scheduler that takes scheduled
 * versions live, and the router the traffic plugin's simulator asks, all answering from one
 * compiled routing per process.
 */
export default definePlugin<void, TollFreeConfig>({
  setup(ctx) {
    const traffic = ctx.contract<TrafficContract>('traffic');
    const customers = new Customers(ctx.config.customers, traffic, ctx.logger.child({ component: 'customers' }));
    const plans = new PlanStore(ctx.storage, ctx.clock);
    const reroutes = new RerouteStore(ctx.storage, ctx.clock);
    const live = new LiveRouting(plans, reroutes, ctx.logger.child({ component: 'routing' }));
    const changes = new RoutingChanges(live, ctx.events, ctx.logger);
    const scheduler = new PlanScheduler(plans, changes, ctx.audit, ctx.logger.child({ component: 'scheduler' }), ctx.config.schedulerSeconds * 1000);
    const deps = { plans, reroutes, customers, live, changes, audit: ctx.audit, clock: ctx.clock };
    registerPlanRoutes(ctx.dispatcher, deps);
    registerActivationRoutes(ctx.dispatcher, deps);
    registerRerouteRoutes(ctx.dispatcher, deps);
    registerRouteQuery(ctx.dispatcher, live, customers, ctx.clock);
    registerCustomerRoutes(ctx.dispatcher, customers);
    registerWhatIfRoute(ctx.dispatcher, deps, traffic);
    traffic.useCallRouter(trafficRouter(live));
    const disconnections = new DisconnectedNumbers(ctx.events, plans, reroutes, customers, changes, ctx.audit, ctx.logger.child({ component: 'disconnections' }));
    running.set(ctx, { live, changes, scheduler, disconnections });
  },

  // After the migrations: the routing is read from the plugin's tables.
  async start(ctx) {
    const { live, changes, scheduler, disconnections } = running.get(ctx)!;
    await changes.listen();
    await live.reload();
    scheduler.start();
    await disconnections.start();
  },

  async stop() {
    const stopping = [...running.values()];
    running.clear();
    await Promise.all(stopping.map(async ({ changes, scheduler, disconnections }) => Promise.all([scheduler.stop(), disconnections.stop(), changes.close()])));
  },
});
