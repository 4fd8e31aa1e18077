import type { RoutingPlan } from '../../src/plan/model.js';

// Plans the API tests send: small, and each says by its action ids where calls went.

/** Every call to one call center. */
export const allTo = (callCenterId: string): RoutingPlan => ({ root: { id: `to-${callCenterId}`, type: 'route', destination: { type: 'call-center', callCenterId } } });

/** A percent split between call centers, by their percentages: split({ dallas: 70, tampa: 30 }). */
export const split = (shares: Record<string, number>, nodeId = 'split'): RoutingPlan => ({
  root: {
    id: nodeId,
    type: 'percent',
    branches: Object.entries(shares).map(([callCenterId, percent]) => ({ percent, next: { id: `to-${callCenterId}`, type: 'route', destination: { type: 'call-center', callCenterId } } })),
  },
});

/** Calls from Texas to one call center, the rest to another. */
export const byState = (texas: string, others: string): RoutingPlan => ({
  root: {
    id: 'origin',
    type: 'state',
    branches: [{ states: ['TX'], next: { id: `tx-${texas}`, type: 'route', destination: { type: 'call-center', callCenterId: texas } } }],
    other: { id: `rest-${others}`, type: 'route', destination: { type: 'call-center', callCenterId: others } },
  },
});
