import { forbidden, Tokens, type Directory, type Identity, type PluginContext, type Tenant } from '@switchboard/sdk';

/**
 * What the plugin asks the directory about tenants. The directory is the host's; a plugin worker
 * process has none, and there every question that needs it fails closed.
 */
export class Tenancy {
  constructor(private readonly container: PluginContext['container']) {}

  get directory(): Directory {
    if (!this.container.isRegistered(Tokens.Directory, true)) throw forbidden('The directory is not available in this process.', 'directory_unavailable');
    return this.container.resolve<Directory>(Tokens.Directory);
  }

  /** The caller's own tenant: any caller may read their own. */
  ownTenant(identity: Identity): Promise<Tenant> {
    return this.directory.getTenant(identity, identity.tenantId);
  }

  /** Whether the caller is the carrier's staff: the kind of their own tenant says so. */
  async isCarrierStaff(identity: Identity): Promise<boolean> {
    if (!this.container.isRegistered(Tokens.Directory, true)) return false;
    return (await this.ownTenant(identity)).kind === 'carrier';
  }

  /** Refuses (403 `carrier_only`) unless the caller is the carrier's staff. */
  async requireCarrierStaff(identity: Identity, what: string): Promise<void> {
    if (!(await this.isCarrierStaff(identity))) throw forbidden(`Only the carrier's staff ${what}.`, 'carrier_only');
  }
}
