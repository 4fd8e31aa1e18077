import type { CallRouteQuery, CallRouter, RouteAnswer } from '@switchboard/plugin-traffic';
import type { LiveAnswer, LiveRouting } from './live-routing.js';

/**
 * The toll-free routing as the traffic plugin's network (the simulator) asks it, through the
 * traffic contract: the same compiled plans and re-routes as the routing query. A call center in a
 * plan is named by its id, and that id is the simulator's destination id for it (the demo's
 * `dallas`, `tampa`, `phoenix`); a number owned by another customer than the one the network says
 * is not answered (the network's default route takes it).
 */
export function trafficRouter(live: LiveRouting): CallRouter {
  return {
    route: async (query: CallRouteQuery): Promise<RouteAnswer | null> => {
      const answer = live.route({ dialedNumber: query.dialedNumber, callingNumber: query.callingNumber, at: query.at, callId: query.callId });
      if (!answer || answer.tenantId !== query.tenantId) return null;
      return toRouteAnswer(answer);
    },
  };
}

export function toRouteAnswer(answer: LiveAnswer): RouteAnswer {
  const { action, plan } = answer;
  switch (action.type) {
    case 'route': {
      const to = action.destination;
      if (to.type === 'call-center') return { action: { kind: 'destination', destinationId: to.callCenterId }, callCenter: to.callCenterId, plan };
      if (to.type === 'sip') return { action: { kind: 'sip', uri: to.uri }, plan };
      return { action: { kind: 'number', number: to.number }, plan };
    }
    case 'announce':
      return { action: { kind: 'announcement', announcement: action.announcementId }, plan };
    case 'block':
      return { action: { kind: 'block' }, plan };
  }
}
