import type { ActionNode, PlanNode, RoutingPlan } from '../../src/plan/model.js';
import type { RoutingQuery } from '../../src/plan/compile/decision.js';

// Small builders for plans in tests: each action node gets an id from its target, so a decision's
// action id says where the call went.

export const toCenter = (callCenterId: string): ActionNode => ({ id: `to-${callCenterId}`, type: 'route', destination: { type: 'call-center', callCenterId } });
export const announce = (announcementId: string): ActionNode => ({ id: `say-${announcementId}`, type: 'announce', announcementId });
export const block = (id = 'blocked'): ActionNode => ({ id, type: 'block' });

export const plan = (root: PlanNode): RoutingPlan => ({ root });

/** A query with the fields the test does not care about filled in. */
export function call(fields: Omit<Partial<RoutingQuery>, 'at'> & { at?: Date | string }): RoutingQuery {
  const at = fields.at === undefined ? new Date('2026-06-10T15:00:00Z') : new Date(fields.at);
  return { dialedNumber: '+18005550100', callingNumber: '+12125550123', callId: 'call-1', ...fields, at };
}

/** What the network managers' customer owns in the validation tests. */
export const OWNED = { callCenterIds: ['dallas', 'tampa', 'toronto'], announcementIds: ['closed', 'holiday'] };
