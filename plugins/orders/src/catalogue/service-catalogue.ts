import type { Knex } from 'knex';
import { Tokens, type Identity, type InstalledService, type InstalledServices, type PluginContext, type ServiceQuantity } from '@switchboard/sdk';
import type { NumberInventory } from '../numbers/inventory.js';
import type { Tenancy } from '../server/tenancy.js';

/** One service as a tenant sees it in the catalogue: what it is, whether it may order it, whether it has it. */
export interface CatalogueEntry {
  /** `<plugin>:<service>`: how orders name it. */
  service: string;
  plugin: string;
  pluginTitle: string;
  id: string;
  title: string;
  description: string;
  orderable: boolean;
  quantities: ServiceQuantity | null;
  /** The tenant subscribes to the service's plugin. */
  subscribed: boolean;
  /** Whether the tenant above offers it (the carrier offers every installed service), so it may be ordered. */
  available: boolean;
  /** For services counted in numbers: how many the tenant holds. */
  numbers: { reserved: number; assigned: number } | null;
}

/** `<plugin>:<service>`, the name orders use for a service. */
export const serviceKey = (service: Pick<InstalledService, 'plugin' | 'id'>) => `${service.plugin}:${service.id}`;

/**
 * The service catalogue, built from the manifests of the installed plugins (the host keeps the
 * list), and what of it a tenant has: the directory's subscriptions are per plugin.
 */
export class ServiceCatalogue {
  constructor(
    private readonly container: PluginContext['container'],
    private readonly tenancy: Tenancy,
    private readonly inventory: NumberInventory,
    private readonly knex: Knex,
  ) {}

  /** Every service of the installed plugins. */
  installed(): InstalledService[] {
    if (!this.container.isRegistered(Tokens.InstalledServices, true)) return [];
    return this.container.resolve<InstalledServices>(Tokens.InstalledServices).list();
  }

  /** One installed service by its `<plugin>:<service>` name, or undefined. */
  find(key: string): InstalledService | undefined {
    return this.installed().find((service) => serviceKey(service) === key);
  }

  /** The plugins a tenant subscribes to, `host` left out; the carrier has every installed one. */
  async subscriptions(identity: Identity, tenantId: string): Promise<Set<string>> {
    return new Set(await this.tenancy.directory.getSubscriptions(identity, tenantId));
  }

  /** The catalogue as the caller's tenant sees it. */
  async forCaller(identity: Identity): Promise<CatalogueEntry[]> {
    const tenant = await this.tenancy.ownTenant(identity);
    const subscribed = await this.subscriptions(identity, tenant.id);
    const offered = new Set(await this.tenancy.directory.getOfferedServices(identity, tenant.id));
    const services = this.installed();
    const counted = services.some((service) => service.quantities === 'numbers') ? await this.inventory.countHeld(this.knex, tenant.id) : null;
    return services.map((service) => ({
      service: serviceKey(service),
      plugin: service.plugin,
      pluginTitle: service.pluginTitle,
      id: service.id,
      title: service.title,
      description: service.description,
      orderable: service.orderable,
      quantities: service.quantities ?? null,
      subscribed: subscribed.has(service.plugin),
      available: offered.has(service.plugin),
      numbers: service.quantities === 'numbers' ? counted : null,
    }));
  }
}
