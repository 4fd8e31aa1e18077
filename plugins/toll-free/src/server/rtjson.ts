import type { Customers } from './customers.js';
import type { LiveAnswer } from './live-routing.js';

/**
 * A routing answer in the shape of Kamailio's rtjson module (`rtjson_init_routes`): version,
 * serial routing, and a route per destination with its request URI (`uri`). Fields rtjson does
 * not know are ignored by it and left for the proxy's script (the json module): `action`,
 * `announcement`, `plan`, `reroute`. The plan and version also travel as an extra header on the
 * INVITE, so the far end and the CDR can tell which plan sent the call.
 *
 * A SIP destination is its URI; a terminating number is a `tel:` URI (the proxy sends it to its
 * PSTN gateway, as its own $du); a call center or an announcement is the URI the carrier set for
 * it (`plugins.settings.toll-free.customers[].callCenters[].uri`). A call center or announcement
 * without one, and a block, have no route: the proxy reads `action` and answers the call itself.
 */
export interface RtjsonAnswer {
  version: '1.0';
  routing: 'serial';
  routes: Array<{ uri: string; headers?: { extra: string } }>;
  action: 'route' | 'announce' | 'block';
  announcement?: string;
  plan: LiveAnswer['plan'];
  reroute: LiveAnswer['reroute'];
}

export function toRtjson(answer: LiveAnswer, customers: Customers): RtjsonAnswer {
  const { action } = answer;
  const extra = answer.plan ? `X-Routing-Plan: ${answer.plan.id};version=${answer.plan.version}\r\n` : `X-Routing-Plan: reroute=${answer.reroute!.id}\r\n`;
  const routeTo = (uri: string | undefined) => (uri ? [{ uri, headers: { extra } }] : []);
  const base = { version: '1.0' as const, routing: 'serial' as const, plan: answer.plan, reroute: answer.reroute };
  switch (action.type) {
    case 'route': {
      const to = action.destination;
      const uri = to.type === 'sip' ? to.uri : to.type === 'number' ? `tel:${to.number}` : customers.callCenter(answer.tenantId, to.callCenterId)?.uri;
      return { ...base, action: 'route', routes: routeTo(uri) };
    }
    case 'announce':
      return { ...base, action: 'announce', announcement: action.announcementId, routes: routeTo(customers.announcement(answer.tenantId, action.announcementId)?.uri) };
    case 'block':
      return { ...base, action: 'block', routes: [] };
  }
}
