import type { Logger } from '@switchboard/sdk';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';
import { LiveRouting } from '../../src/server/live-routing.js';
import { PlanScheduler } from '../../src/server/plan-scheduler.js';
import { PlanStore } from '../../src/server/plan-store.js';
import { RerouteStore } from '../../src/server/reroute-store.js';
import { RoutingChanges } from '../../src/server/routing-changes.js';
import { TestClock } from './plan-store.js';
import type { TestHost } from './switchboard.js';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

/**
 * The plugin's scheduler as another host process runs it, on the host's database and bus, with a
 * clock the test moves: scheduled versions go live when the test says the time has come, and the
 * host hears of it on the bus like any other process would.
 */
export function schedulerOnAnotherProcess(host: TestHost, clock = new TestClock()): { clock: TestClock; scheduler: PlanScheduler } {
  const storage = createPluginStorage(host.db, 'toll-free');
  const plans = new PlanStore(storage, clock);
  const changes = new RoutingChanges(new LiveRouting(plans, new RerouteStore(storage, clock), quiet), host.bus, quiet);
  return { clock, scheduler: new PlanScheduler(plans, changes, host.audit, quiet, 60_000) };
}
