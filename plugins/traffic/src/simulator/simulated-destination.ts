import type { SimulatedDestinationConfig } from '../server/config.js';
import { MinHeap } from './min-heap.js';

/**
 * One of a customer's destinations as the network sees it: a number of agents (lines), each held
 * by one call from the moment it is offered (ringing) until it ends, and whether it is reachable
 * at all. Capacity is tracked in simulated time: an arrival first lets go of the calls that ended
 * before it, so a burst inside one tick is judged call by call.
 */
export class SimulatedDestination {
  readonly id: string;
  readonly name: string;
  readonly callCenter: boolean;
  readonly handleSeconds: number;
  readonly weight: number;
  agents: number;
  up = true;
  /** End instants (epoch ms) of the calls holding an agent. */
  private readonly holding = new MinHeap<number>((end) => end);

  constructor(config: SimulatedDestinationConfig) {
    this.id = config.id;
    this.name = config.name ?? config.id;
    this.callCenter = config.callCenter;
    this.handleSeconds = config.handleSeconds;
    this.weight = config.weight;
    this.agents = config.agents;
  }

  /**
   * Takes an agent at `atMs` until `untilMs` when one is free then, and says whether it did.
   * Lowering `agents` below the calls held lets the calls in progress finish; new ones are busy
   * until enough have ended.
   */
  trySeize(atMs: number, untilMs: number): boolean {
    this.holding.popThrough(atMs);
    if (this.holding.size >= this.agents) return false;
    this.holding.push(untilMs);
    return true;
  }

  /** Agents on a call at `atMs`. */
  busyAgents(atMs: number): number {
    return this.holding.countAbove(atMs);
  }
}
