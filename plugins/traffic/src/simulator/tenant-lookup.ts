import { ApiError, Tokens, type Directory, type PluginContext } from '@switchboard/sdk';
import { tenantProbe } from './simulator-identity.js';

/** Whether a tenant exists (yet): the simulator waits for its customers' tenants to appear. */
export type TenantExists = (tenantId: string) => Promise<boolean>;

/**
 * Asks the host's directory. A process without one (a plugin worker) cannot tell, so it answers
 * no: the simulator then waits rather than assign numbers to tenants that may not exist.
 */
export function directoryTenantExists(container: PluginContext['container']): TenantExists {
  return async (tenantId) => {
    if (!container.isRegistered(Tokens.Directory, true)) return false;
    const directory = container.resolve<Directory>(Tokens.Directory);
    try {
      await directory.getTenant(tenantProbe(tenantId), tenantId);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return false;
      throw error;
    }
  };
}
