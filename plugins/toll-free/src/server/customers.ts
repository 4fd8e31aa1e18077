import type { OwnedDestinations } from '../plan/destinations.js';
import { isKnownTimeZone } from '../plan/time/zone-offsets.js';
import type { CallCenterSetting, CustomerSetting, NamedTarget } from './config.js';

/**
 * What each customer has, from the settings the carrier writes: its toll-free numbers (the only
 * numbers its plans may route and its re-routes may move) and its call centers and announcements
 * (the only ones its plans may name). A number listed for two customers is refused at start: a
 * dialed number must lead to one customer's plan.
 */
export class Customers {
  private readonly byTenant = new Map<string, CustomerSetting>();
  private readonly owners = new Map<string, string>();

  constructor(settings: readonly CustomerSetting[]) {
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
  ownerOf(number: string): string | null {
    return this.owners.get(number) ?? null;
  }

  /** The numbers of these tenants, each with its owner, in tenant then number order. */
  numbersOf(tenants: readonly string[]): Array<{ number: string; tenantId: string }> {
    return [...new Set(tenants)]
      .flatMap((tenantId) => (this.byTenant.get(tenantId)?.numbers ?? []).map((number) => ({ number, tenantId })))
      .sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.number.localeCompare(b.number));
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
