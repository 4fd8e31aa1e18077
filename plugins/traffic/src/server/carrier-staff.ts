import { Tokens, type Directory, type Identity, type PluginContext } from '@switchboard/sdk';
import type { CarrierCheck } from './routes/number-routes.js';

/**
 * Tells carrier staff from everyone else by the kind of the caller's own tenant, which the
 * directory gives any caller about their own tenant. Where the directory is not at hand (a plugin
 * worker process has none) nobody passes: the check fails closed.
 */
export function carrierStaffCheck(container: PluginContext['container']): CarrierCheck {
  return async (identity: Identity) => {
    if (!container.isRegistered(Tokens.Directory, true)) return false;
    const directory = container.resolve<Directory>(Tokens.Directory);
    const tenant = await directory.getTenant(identity, identity.tenantId);
    return tenant.kind === 'carrier';
  };
}
