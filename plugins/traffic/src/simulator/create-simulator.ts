import type { PluginContext } from '@switchboard/sdk';
import type { CallRouting } from '../routing/call-routing.js';
import type { TrafficConfig } from '../server/config.js';
import type { CdrIngest } from '../server/ingest.js';
import type { NumberRegistry } from '../server/number-registry.js';
import { simulatorSettingProblems } from './check-settings.js';
import { NumberProvisioning } from './number-provisioning.js';
import { RecordOutbox } from './record-outbox.js';
import { Simulator } from './simulator.js';
import { directoryTenantExists } from './tenant-lookup.js';

/**
 * The simulator the settings ask for, wired to the plugin's ingest, number registry, directory and
 * router; null when it is off. Settings the schema cannot check stop the plugin's setup with every
 * problem named.
 */
export function createSimulator(ctx: PluginContext<TrafficConfig>, parts: { ingest: CdrIngest; numbers: NumberRegistry; routing: CallRouting }): Simulator | null {
  const config = ctx.config.simulator;
  if (!config.enabled) return null;
  const problems = simulatorSettingProblems(config);
  if (problems.length) throw new Error(`the network simulator's settings are wrong: ${problems.join('; ')}`);
  const logger = ctx.logger.child({ component: 'simulator' });
  return new Simulator({
    config,
    clock: ctx.clock,
    routing: parts.routing,
    provisioning: new NumberProvisioning(parts.numbers, directoryTenantExists(ctx.container), logger),
    outbox: new RecordOutbox(parts.ingest, logger),
    logger,
  });
}
