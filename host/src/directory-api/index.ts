import { HOST_ENTITLEMENTS } from '@switchboard/sdk';
import { AuditTrail } from '../audit/audit-trail.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import { HOST_PLUGIN } from '../directory/index.js';
import type { IdentityStack } from '../identity/identity-stack.js';
import { auditRoutes } from './audit.js';
import { clientRoutes } from './clients.js';
import { credentialRoutes } from './credentials.js';
import { grantRoutes } from './grants.js';
import { meRoute } from './me.js';
import { roleRoutes } from './roles.js';
import { tenantRoutes } from './tenants.js';
import { userRoutes } from './users.js';

/**
 * The directory's HTTP API for administrators, at /api/host/... . The host registers it through the
 * dispatcher like any plugin (id `host`, its entitlements the directory's own), so these routes get
 * the same identity, entitlement check, input validation, audit and error shape as every other.
 * Handlers stay thin: the directory enforces the finer rules (tenant subtree, delegation, own grants)
 * and refuses with the right ApiError. Beside the directory: invitation links and second-factor
 * resets (credentials.ts), and the audit trail for reading (audit.ts).
 */
export function registerDirectoryApi(dispatcher: Dispatcher, identity: Pick<IdentityStack, 'db' | 'directory' | 'credentials' | 'setupTokens'>): void {
  const { directory } = identity;
  const routes = dispatcher.forPlugin(HOST_PLUGIN, { entitlements: { ...HOST_ENTITLEMENTS } });
  meRoute(routes, directory);
  tenantRoutes(routes, directory);
  userRoutes(routes, directory);
  credentialRoutes(routes, directory, identity.credentials, identity.setupTokens);
  roleRoutes(routes, directory);
  grantRoutes(routes, directory);
  clientRoutes(routes, directory);
  auditRoutes(routes, new AuditTrail(identity.db.knex));
  routes.commit();
}
