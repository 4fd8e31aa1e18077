import type { Identity, Logger } from '@switchboard/sdk';
import type { CallRecord } from '../../src/cdr/call-record.js';
import type { RouteAnswer, CallRouteQuery } from '../../src/routing/call-router.js';
import { CallRouting } from '../../src/routing/call-routing.js';
import type { SimulatedCustomerConfig, SimulatedDestinationConfig } from '../../src/server/config.js';
import type { CdrIngest, IngestAnswer } from '../../src/server/ingest.js';
import { seededRandom } from '../../src/simulator/random.js';
import { RecordOutbox } from '../../src/simulator/record-outbox.js';
import type { SimulatedCustomer } from '../../src/simulator/simulated-customer.js';
import { Simulator } from '../../src/simulator/simulator.js';
import { TestClock } from '../support/traffic-store.js';

/** A logger that keeps what was logged at warn and above, for tests that check a warning was given. */
export class KeptLog implements Logger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  debug(): void {}
  info(): void {}
  warn(obj: object | string, msg?: string): void {
    this.warnings.push(msg ?? String(obj));
  }
  error(obj: object | string, msg?: string): void {
    this.errors.push(msg ?? String(obj));
  }
  child(): Logger {
    return this;
  }
}

export const destination = (id: string, overrides: Partial<SimulatedDestinationConfig> = {}): SimulatedDestinationConfig => ({
  id,
  name: `${id} call center`,
  callCenter: true,
  agents: 1000,
  handleSeconds: 120,
  weight: 1,
  ...overrides,
});

export const customer = (tenantId: string, overrides: Partial<SimulatedCustomerConfig> = {}): SimulatedCustomerConfig => ({
  tenantId,
  timeZone: 'America/Chicago',
  callsPerMinute: 60,
  numbers: ['+18005550100'],
  destinations: [destination(`${tenantId}-main`)],
  ...overrides,
});

/**
 * The records the simulator sends, as the ingest receives them, each already checked by
 * validateCallRecord (a record the simulator got wrong fails the test). The database behind the
 * ingest has its own suites (simulator-store, simulator-host); these tests are about the network.
 */
export class RecordingIngest implements Pick<CdrIngest, 'ingest'> {
  readonly records: CallRecord[] = [];
  readonly senders: Identity[] = [];

  async ingest(parsed: Parameters<CdrIngest['ingest']>[0], sender: Identity): Promise<IngestAnswer> {
    this.senders.push(sender);
    for (const item of parsed) {
      if ('errors' in item) throw new Error(`the simulator made an invalid record: ${JSON.stringify(item.errors)}`);
      this.records.push(item.record);
    }
    return { stored: parsed.length, duplicates: 0, refused: [] };
  }
}

/** Every configured number live at once, as when the tenants exist and own them. */
const allNumbersLive = {
  provision: async (customer: SimulatedCustomer) => {
    customer.liveNumbers = [...customer.configuredNumbers];
    customer.needsNumbers = false;
  },
};

/**
 * A simulator on a clock the test moves, with a seeded random source: the same seed gives the
 * same calls. `run(ms, tickMs)` moves the clock tick by tick and ticks.
 */
export function simulation(options: { customers: SimulatedCustomerConfig[]; seed?: number; startAt?: string; router?: (query: CallRouteQuery) => Promise<RouteAnswer | null> }) {
  const clock = new TestClock(new Date(options.startAt ?? '2024-03-05T16:00:00Z'));
  const log = new KeptLog();
  const ingest = new RecordingIngest();
  const routing = new CallRouting(log);
  if (options.router) routing.useCallRouter({ route: options.router });
  let sequence = 0;
  const simulator = new Simulator({
    config: { tickMilliseconds: 1000, customers: options.customers },
    clock,
    routing,
    provisioning: allNumbersLive,
    outbox: new RecordOutbox(ingest, log),
    logger: log,
    random: seededRandom(options.seed ?? 7),
    newCallId: () => `test-call-${++sequence}`,
  });
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
  let begun = false;
  return {
    simulator,
    clock,
    log,
    ingest,
    routing,
    advance,
    /** Ticks every `tickMs` for `ms`; the very first tick only sets where simulated time starts. */
    async run(ms: number, tickMs = 1000) {
      if (!begun) await simulator.tick();
      begun = true;
      let arrivals = 0;
      for (let elapsed = 0; elapsed < ms; elapsed += tickMs) {
        advance(tickMs);
        arrivals += (await simulator.tick()).arrivals;
      }
      return arrivals;
    },
    customer: (tenantId: string) => simulator.customers.find((c) => c.tenantId === tenantId)!,
  };
}
