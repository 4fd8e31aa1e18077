import type { AuditLog, Clock } from '@switchboard/sdk';
import type { Customers } from './customers.js';
import type { LiveRouting } from './live-routing.js';
import type { PlanStore } from './plan-store.js';
import type { RerouteStore } from './reroute-store.js';
import type { RoutingChanges } from './routing-changes.js';

/** What the toll-free routes work with. */
export interface RouteDeps {
  plans: PlanStore;
  reroutes: RerouteStore;
  customers: Customers;
  live: LiveRouting;
  changes: RoutingChanges;
  audit: AuditLog;
  clock: Clock;
}
