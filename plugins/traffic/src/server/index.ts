import { definePlugin, Tokens, type Directory, type PluginContext } from '@switchboard/sdk';
import type { TrafficContract } from '../routing/call-router.js';
import { CallRouting } from '../routing/call-routing.js';
import { createSimulator } from '../simulator/create-simulator.js';
import type { Simulator } from '../simulator/simulator.js';
import { CallStore } from './call-store.js';
import { carrierStaffCheck } from './carrier-staff.js';
import { CommittedPublisher } from './committed-publisher.js';
import type { TrafficConfig } from './config.js';
import { AsteriskDropFolder } from './drop-folder/asterisk-drop-folder.js';
import { DropFolderPoller } from './drop-folder/drop-folder-poller.js';
import { CdrIngest } from './ingest.js';
import { NumberRegistry } from './number-registry.js';
import { OrderedNumbers } from './ordered-numbers.js';
import { OutboxRelay } from './outbox-relay.js';
import { callsForReplay } from './replay-calls.js';
import { RetentionPurge } from './retention.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import { registerLiveRoute } from './routes/live-route.js';
import { registerNumberRoutes } from './routes/number-routes.js';
import { registerReadingRoutes } from './routes/reading-routes.js';
import { registerSimulatorRoutes } from './routes/simulator-routes.js';
import { SummarySnapshots } from './summary-snapshot.js';

/** What runs in the background for one host: the retention purge, the drop folders, and the simulator when it is on. */
interface Background {
  purge: RetentionPurge;
  dropFolders: DropFolderPoller;
  orderedNumbers: OrderedNumbers;
  outbox: OutboxRelay;
  publisher: CommittedPublisher;
  simulator: Simulator | null;
}

/**
 * The drop folders' poller. Each folder reads as its network client, whose identity comes from the
 * directory; a plugin worker process has none, so there its folders log that and stay unread.
 */
function dropFolderPoller(ctx: PluginContext<TrafficConfig>, ingest: CdrIngest): DropFolderPoller {
  const logger = ctx.logger.child({ component: 'drop-folders' });
  const clientIdentity = async (clientId: string) =>
    ctx.container.isRegistered(Tokens.Directory, true) ? ctx.container.resolve<Directory>(Tokens.Directory).identityForClient(clientId) : null;
  const folders = ctx.config.asteriskDropFolders.map((setting) => new AsteriskDropFolder(setting, ingest, clientIdentity, ctx.clock, logger));
  return new DropFolderPoller(folders, ctx.config.dropFolderPollSeconds * 1000, logger);
}

/**
 * The background work of the hosts running in this process. `stop()` is given no context, so it
 * cannot tell one host's plugin from another's; it stops them all. A process runs one host (tests
 * start several, one after another), so this stops exactly the one shutting down.
 */
const running = new Map<PluginContext<TrafficConfig>, Background>();

/**
 * The traffic plugin's server side: CDR ingest from the network (JSON and NDJSON, FreeSWITCH, Asterisk), the
 * number inventory that attributes calls to customers, calls and summaries for customers, the live
 * stream of committed calls, the retention purge of raw records, Asterisk drop folders, and the embedded network
 * simulator. Its contract lets a later plugin (toll-free) answer where calls go.
 */
export default definePlugin<TrafficContract, TrafficConfig>({
  setup(ctx) {
    const calls = new CallStore(ctx.storage, ctx.clock);
    const numbers = new NumberRegistry(ctx.storage, ctx.clock);
    const publisher = new CommittedPublisher(calls, ctx.events, ctx.logger);
    const ingest = new CdrIngest(calls, numbers, publisher, ctx.logger);
    const routing = new CallRouting(ctx.logger.child({ component: 'routing' }));
    const simulator = createSimulator(ctx, { ingest, numbers, routing });
    registerIngestRoutes(ctx.dispatcher, ingest, { uploadMaxBytes: ctx.config.uploadMaxBytes });
    registerNumberRoutes(ctx.dispatcher, numbers, carrierStaffCheck(ctx.container));
    registerReadingRoutes(ctx.dispatcher, calls, new SummarySnapshots(ctx.storage), ctx.clock);
    registerLiveRoute(ctx.dispatcher, ctx.events, calls);
    registerSimulatorRoutes(ctx.dispatcher, simulator, ctx.clock);
    running.set(ctx, { purge: new RetentionPurge(calls, ctx.config, ctx.clock, ctx.logger), dropFolders: dropFolderPoller(ctx, ingest), orderedNumbers: new OrderedNumbers(ctx.events, numbers, ctx.logger), outbox: new OutboxRelay(calls, ctx.events, ctx.clock, ctx.logger), publisher, simulator });
    return {
      useCallRouter: (router) => routing.useCallRouter(router),
      callsForReplay: (tenantId, numbers, from, to) => callsForReplay(ctx.storage, tenantId, numbers, from, to),
      numberOwner: (number) => numbers.ownerOf(number),
      numbersOf: (tenants) => numbers.numbersOf(tenants),
    };
  },

  // After the migrations: the purge, the drop folders and the simulator need the tables.
  async start(ctx) {
    const background = running.get(ctx);
    background?.purge.start();
    background?.dropFolders.start();
    await background?.orderedNumbers.start();
    background?.outbox.start();
    background?.simulator?.start();
  },

  async stop() {
    const stopping = [...running.values()];
    running.clear();
    await Promise.all(
      stopping.map(async ({ purge, dropFolders, orderedNumbers, outbox, publisher, simulator }) => {
        // The simulator and the drop folders ingest: stopped first, then what they committed is published.
        await Promise.all([purge.stop(), dropFolders.stop(), orderedNumbers.stop(), outbox.stop(), simulator?.stop()]);
        await publisher.drained();
      }),
    );
  },
});
