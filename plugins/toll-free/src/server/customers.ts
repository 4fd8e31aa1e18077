import type { Logger } from '@switchboard/sdk';
import { isTollFreeNumber } from '@switchboard/plugin-traffic';
import type { OwnedDestinations } from '../plan/destinations.js';
import { isKnownTimeZone } from '../plan/time/zone-offsets.js';
import type { CallCenterSetting, CustomerSetting, NamedTarget } from './config.js';

/** A number and the tenant that owns it. */
export interface OwnedNumber {
  number: string;
  tenantId: string;
}

/** The traffic plugin's number registry (numbers given by completed orders or carrier staff), as its contract reads it. */
export interface NumberRegistryReads {
  numberOwner(number: string): Promise<string | null>;
  numbersOf(tenants: readonly string[]): Promise<OwnedNumber[]>;
}

/**
 * What each customer has: its toll-free numbers (the only numbers its plans may route and its
 * re-routes may move) from the settings the carrier writes and from traffic's number registry
 * (what orders assigned), and its call centers and announcements (the only ones its plans may
 * name) from the settings. A number listed for two customers in the settings is refused at start:
 * a dialed number must lead to one customer's plan. A number the settings give one customer and
 * the registry another stays the settings' customer's (the carrier wrote it on purpose; an order
 * cannot take it away unseen) and the disagreement is logged. Only toll-free numbers of the
 * registry count: it holds every number a customer has, geographic ones too.
 */
export class Customers {
  private readonly byTenant = new Map<string, CustomerSetting>();
  private readonly owners = new Map<string, string>();

  constructor(
    settings: readonly CustomerSetting[],
    private readonly registry: NumberRegistryReads,
    private readonly logger: Logger,
  ) {
    for (const customer of settings) {
      if (this.byTenant.has(customer.tenantId)) throw new Error(`plugins.settings.toll-free.customers: ${customer.tenantId} is listed twice`);
      if (customer.timeZone !== undefined && !isKnownTimeZone(customer.timeZone)) throw new Error(`plugins.settings.toll-free.customers: ${customer.tenantId}'s timeZone ${customer.timeZone} is not an IANA time zone`);
      this.byTenant.set(customer.tenantId, customer);
      for (const number of customer.numbers) {
        const owner = this.owners.get(number);
        if (owner) throw new Error(`plugins.settings.toll-free.customers: ${number} is listed for both ${owner} and ${customer.tenantId}`);
        this.owners.set(number, customer.tenantId);
      }
    }
  }

  /** The tenant owning a toll-free number, or null. */
  async ownerOf(number: string): Promise<string | null> {
    const configured = this.owners.get(number);
    if (configured) return configured;
    if (!isTollFreeNumber(number)) return null;
    return this.registry.numberOwner(number);
  }

  /** The toll-free numbers of these tenants, each with its owner, in tenant then number order. */
  async numbersOf(tenants: readonly string[]): Promise<OwnedNumber[]> {
    const wanted = [...new Set(tenants)];
    const configured = wanted.flatMap((tenantId) => (this.byTenant.get(tenantId)?.numbers ?? []).map((number) => ({ number, tenantId })));
    const registered = (await this.registry.numbersOf(wanted)).filter(({ number, tenantId }) => isTollFreeNumber(number) && this.agreesWithSettings(number, tenantId));
    const seen = new Set(configured.map(({ number }) => number));
    return [...configured, ...registered.filter(({ number }) => !seen.has(number))].sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.number.localeCompare(b.number));
  }

  /** Whether the settings give a registered number to nobody or to the same tenant; a conflict is logged and the settings win. */
  private agreesWithSettings(number: string, tenantId: string): boolean {
    const configured = this.owners.get(number);
    if (configured === undefined || configured === tenantId) return true;
    this.logger.warn({ number, settings: configured, registry: tenantId }, 'toll-free number owned by another tenant in the settings than in the number registry; the settings win');
    return false;
  }

  /** The destinations a customer's plans may name, for validatePlan. */
  owned(tenantId: string): OwnedDestinations {
    const customer = this.byTenant.get(tenantId);
    return { callCenterIds: (customer?.callCenters ?? []).map((c) => c.id), announcementIds: (customer?.announcements ?? []).map((a) => a.id) };
  }

  /** What the carrier has said a customer has, or undefined for a tenant without toll-free settings. */
  settingOf(tenantId: string): CustomerSetting | undefined {
    return this.byTenant.get(tenantId);
  }

  callCenter(tenantId: string, id: string): CallCenterSetting | undefined {
    return this.byTenant.get(tenantId)?.callCenters.find((center) => center.id === id);
  }

  announcement(tenantId: string, id: string): NamedTarget | undefined {
    return this.byTenant.get(tenantId)?.announcements.find((announcement) => announcement.id === id);
  }
}
