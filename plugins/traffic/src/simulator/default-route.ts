import type { RouteAnswer } from '../routing/call-router.js';
import { pickWeighted, type Random } from './random.js';
import type { SimulatedDestination } from './simulated-destination.js';

/**
 * The network's fixed default route, taken while no router is registered or the router has no
 * answer: one of the customer's destinations, chosen at random in proportion to its weight (no
 * routing plan chose it). Null when no destination has a weight above 0.
 */
export function defaultRoute(destinations: Iterable<SimulatedDestination>, random: Random): RouteAnswer | null {
  const chosen = pickWeighted(random, [...destinations], (destination) => destination.weight);
  if (!chosen) return null;
  return { action: { kind: 'destination', destinationId: chosen.id }, callCenter: chosen.callCenter ? chosen.id : null, plan: null };
}
