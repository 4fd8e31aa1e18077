import { unauthenticated, type Identity, type RouteRequest } from '@switchboard/sdk';

/**
 * The caller a directory call acts for. Every route but /me names an entitlement, so the dispatcher
 * has refused anonymous callers already; this says so to the compiler and fails closed if not.
 */
export function callerOf(request: Pick<RouteRequest, 'identity'>): Identity {
  if (!request.identity) throw unauthenticated();
  return request.identity;
}
