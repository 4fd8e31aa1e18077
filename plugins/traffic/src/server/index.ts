import { definePlugin, type PluginContext } from '@switchboard/sdk';
import { CallStore } from './call-store.js';
import { carrierStaffCheck } from './carrier-staff.js';
import type { TrafficConfig } from './config.js';
import { CdrIngest } from './ingest.js';
import { NumberRegistry } from './number-registry.js';
import { RetentionPurge } from './retention.js';
import { RollupStore } from './rollup-store.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import { registerLiveRoute } from './routes/live-route.js';
import { registerNumberRoutes } from './routes/number-routes.js';
import { registerReadingRoutes } from './routes/reading-routes.js';

/**
 * The retention purges of the hosts running in this process. `stop()` is given no context, so it
 * cannot tell one host's plugin from another's; it stops them all. A process runs one host (tests
 * start several, one after another), so this stops exactly the one shutting down.
 */
const purges = new Map<PluginContext<TrafficConfig>, RetentionPurge>();

/**
 * The traffic plugin's server side: CDR ingest from the network (JSON and NDJSON, FreeSWITCH, Asterisk), the
 * number inventory that attributes calls to customers, calls and summaries for customers, the live
 * stream of committed calls, and the
 * retention purge of raw records.
 */
export default definePlugin<void, TrafficConfig>({
  setup(ctx) {
    const rollups = new RollupStore(ctx.storage);
    const calls = new CallStore(ctx.storage, rollups, ctx.clock);
    const numbers = new NumberRegistry(ctx.storage, ctx.clock);
    const ingest = new CdrIngest(calls, numbers, ctx.events, ctx.logger);
    registerIngestRoutes(ctx.dispatcher, ingest, { uploadMaxBytes: ctx.config.uploadMaxBytes });
    registerNumberRoutes(ctx.dispatcher, numbers, carrierStaffCheck(ctx.container));
    registerReadingRoutes(ctx.dispatcher, calls, rollups, ctx.clock);
    registerLiveRoute(ctx.dispatcher, ctx.events, calls);
    purges.set(ctx, new RetentionPurge(calls, ctx.config, ctx.clock, ctx.logger));
  },

  // After the migrations: the purge needs the tables.
  start(ctx) {
    purges.get(ctx)?.start();
  },

  async stop() {
    const stopping = [...purges.values()];
    purges.clear();
    await Promise.all(stopping.map((purge) => purge.stop()));
  },
});
