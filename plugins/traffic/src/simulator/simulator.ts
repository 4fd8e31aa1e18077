import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '@switchboard/sdk';
import type { RouteAnswer } from '../routing/call-router.js';
import type { CallRouting } from '../routing/call-routing.js';
import type { SimulatorConfig } from '../server/config.js';
import { arrivalTimes } from './arrivals.js';
import { drawCallingNumber } from './calling-numbers.js';
import { profileFactor } from './daily-profile.js';
import { defaultRoute } from './default-route.js';
import { MinHeap } from './min-heap.js';
import type { NumberProvisioning } from './number-provisioning.js';
import { placeCall } from './place-call.js';
import { integerBetween, type Random } from './random.js';
import type { RecordOutbox } from './record-outbox.js';
import type { Arrival, SimulatedCall } from './simulated-call.js';
import { SimulatedCustomer } from './simulated-customer.js';
import { simulatorSender } from './simulator-identity.js';

/**
 * The longest stretch one tick makes up for. A process that was suspended (a laptop asleep, a
 * debugger) resumes with a minute of traffic, not with hours of it at once.
 */
const MAX_CATCH_UP_MS = 60_000;

export interface SimulatorDeps {
  config: Pick<SimulatorConfig, 'tickMilliseconds' | 'customers'>;
  clock: Clock;
  routing: Pick<CallRouting, 'route'>;
  provisioning: Pick<NumberProvisioning, 'provision'>;
  outbox: RecordOutbox;
  logger: Logger;
  /** Uniform numbers for arrivals, callers and outcomes; seeded in tests. */
  random?: Random;
  /** Ids of new calls (also their CDRs' source ids): unique across restarts, since a repeated id would be taken for a resent record. */
  newCallId?: () => string;
}

/** What one tick did. */
export interface TickResult {
  arrivals: number;
  /** Calls that ended and were stored. */
  stored: number;
}

/**
 * The embedded network: on every tick, for each customer whose tenant owns its numbers, the calls
 * that arrived since the last tick (Poisson, at the customer's rate scaled by the daily profile in
 * its zone) are routed (the registered router, else the default route) and placed at their
 * destinations; the calls that have ended by now are sent as CDRs through the ingest. State lives
 * in this process: a scaled-out installation runs the simulator on one host.
 */
export class Simulator {
  readonly customers: readonly SimulatedCustomer[];
  readonly tickMilliseconds: number;
  private readonly random: Random;
  private readonly newCallId: () => string;
  private readonly inProgress = new MinHeap<SimulatedCall>((call) => call.endedAtMs);
  private lastTickMs: number | null = null;
  private ticking: Promise<TickResult> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SimulatorDeps) {
    this.customers = deps.config.customers.map((customer) => new SimulatedCustomer(customer));
    this.tickMilliseconds = deps.config.tickMilliseconds;
    this.random = deps.random ?? Math.random;
    this.newCallId = deps.newCallId ?? (() => `sim-${randomUUID()}`);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Calls that have started and not yet ended. */
  get callsInProgress(): number {
    return this.inProgress.size;
  }

  /** Ticks every tickMilliseconds from now on; the first one covers only the time after this. */
  start(): void {
    if (this.timer) return;
    this.lastTickMs = this.deps.clock.now().getTime();
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.deps.logger.error({ err: error }, 'a simulator tick failed; the next one tries again'));
    }, this.tickMilliseconds);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress. Calls still in progress end unreported. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => undefined);
  }

  /** One tick at the clock's now; a tick asked for while one runs is that one. */
  tick(): Promise<TickResult> {
    this.ticking ??= this.runTick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async runTick(): Promise<TickResult> {
    const nowMs = this.deps.clock.now().getTime();
    const fromMs = Math.max(this.lastTickMs ?? nowMs, nowMs - MAX_CATCH_UP_MS);
    this.lastTickMs = nowMs;

    for (const customer of this.customers) {
      if (customer.needsNumbers) await this.deps.provisioning.provision(customer);
    }

    const arrivals: { customer: SimulatedCustomer; arrival: Arrival }[] = [];
    for (const customer of this.customers) {
      if (!customer.liveNumbers.length) continue;
      const rate = customer.callsPerMinute * profileFactor(new Date((fromMs + nowMs) / 2), customer.timeZone);
      for (const atMs of arrivalTimes(fromMs, nowMs, rate, this.random)) arrivals.push({ customer, arrival: this.arrival(customer, atMs) });
    }
    const routes = await Promise.all(arrivals.map(({ arrival }) => this.route(arrival)));
    // Per customer the arrivals are in time order, which is what capacity needs: destinations are the customer's own.
    arrivals.forEach(({ customer, arrival }, i) => {
      const route = routes[i] ?? defaultRoute(customer.destinations.values(), this.random);
      this.inProgress.push(placeCall(arrival, route, customer.destinations, this.random));
    });

    this.deps.outbox.add(this.inProgress.popThrough(nowMs));
    const sent = await this.deps.outbox.send(simulatorSender(this.customers.map((customer) => customer.tenantId)));
    // A number moved to another tenant since it was assigned: look again before sending it more calls.
    for (const customer of this.customers) if (sent.unknownNumberTenants.has(customer.tenantId)) customer.needsNumbers = true;
    return { arrivals: arrivals.length, stored: sent.stored };
  }

  private arrival(customer: SimulatedCustomer, atMs: number): Arrival {
    const numbers = customer.liveNumbers;
    return {
      callId: this.newCallId(),
      tenantId: customer.tenantId,
      dialedNumber: numbers[integerBetween(this.random, 0, numbers.length - 1)]!,
      callingNumber: drawCallingNumber(this.random),
      atMs,
    };
  }

  private route(arrival: Arrival): Promise<RouteAnswer | null> {
    return this.deps.routing.route({
      callId: arrival.callId,
      tenantId: arrival.tenantId,
      dialedNumber: arrival.dialedNumber,
      callingNumber: arrival.callingNumber,
      at: new Date(arrival.atMs),
    });
  }
}
