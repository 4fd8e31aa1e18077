import { ApiError, badRequest, type Clock, type Identity, type PluginDispatcher } from '@switchboard/sdk';
import { toE164 } from '@switchboard/plugin-traffic';
import type { Customers } from '../customers.js';
import type { LiveRouting } from '../live-routing.js';
import { toRtjson } from '../rtjson.js';
import { routeQuerySchemas } from './schemas.js';

interface RouteQueryBody {
  dialedNumber: string;
  callingNumber?: string | null;
  time?: string;
  callId: string;
  originLata?: string | null;
}

/** Whether the caller asked for Kamailio's rtjson shape: `?format=rtjson`, or an Accept naming rtjson. */
const wantsRtjson = (format: unknown, accept: string | undefined) => format === 'rtjson' || (format === undefined && /rtjson/i.test(accept ?? ''));

/** The tenants an identity sees, as a set, per cached identity: a carrier sees every customer, and a list would be walked per call. */
const visibleTenants = new WeakMap<readonly string[], ReadonlySet<string>>();

function seesTenant(identity: Identity, tenantId: string): boolean {
  const tenants = identity.tenants;
  if (tenants.length <= 16) return tenants.includes(tenantId);
  let set = visibleTenants.get(tenants);
  if (!set) visibleTenants.set(tenants, (set = new Set(tenants)));
  return set.has(tenantId);
}

/**
 * The routing query the network asks per call (the SCP's side): where does this call go? Answered
 * from the compiled plans in memory, never from storage, so a SIP proxy waiting on it holds its
 * worker for as short a time as possible. Network elements call it as API clients (network.route);
 * they are answered only for numbers of their own tenant subtree (a carrier's, all), and a number
 * no active plan or re-route routes is a 404 `no_route`: the network's default treatment.
 */
export function registerRouteQuery(dispatcher: PluginDispatcher, live: LiveRouting, customers: Customers, clock: Clock): void {
  dispatcher.route<Record<string, string>, { format?: 'json' | 'rtjson' }, RouteQueryBody>({
    method: 'POST',
    path: '/route',
    access: { entitlement: 'network.route' },
    schemas: routeQuerySchemas,
    // A question, not a change: auditing every call the network asks about would flood the trail.
    audit: false,
    // Asked per call by a SIP proxy whose worker waits: answered ahead of the web app's middleware.
    direct: true,
    handler: ({ body, query, headers, identity }) => {
      const dialedNumber = toE164(body.dialedNumber);
      if (!dialedNumber) throw badRequest('Say which number was dialed.', [{ field: 'body.dialedNumber', message: `"${body.dialedNumber}" is not a telephone number` }]);
      // A calling number that is not North American (foreign, or withheld as text) goes as it came: origin nodes send it to Other.
      const callingNumber = body.callingNumber ? (toE164(body.callingNumber) ?? body.callingNumber) : null;
      const at = body.time === undefined ? clock.now() : new Date(body.time);
      const answer = live.route({ dialedNumber, callingNumber, at, callId: body.callId, originLata: body.originLata ?? null });
      if (!answer || !seesTenant(identity!, answer.tenantId)) throw new ApiError(404, 'no_route', `No active plan routes ${dialedNumber}.`);
      if (wantsRtjson(query.format, headers.accept)) return toRtjson(answer, customers);
      const { action } = answer;
      return { action, destination: action.type === 'route' ? action.destination : null, plan: answer.plan, path: answer.path, reroute: answer.reroute };
    },
  });
}
