import type { Logger } from '@switchboard/sdk';
import type { NumberRegistry } from '../server/number-registry.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import type { TenantExists } from './tenant-lookup.js';

/**
 * Gives each simulated customer's tenant its configured numbers in traffic_numbers, once the
 * tenant exists, so the ingest attributes the simulated calls to it. A number another tenant owns
 * is never taken: it is left out of the simulation with a warning (once per number and owner).
 */
export class NumberProvisioning {
  private readonly warned = new Set<string>();
  private failing = false;

  constructor(
    private readonly numbers: Pick<NumberRegistry, 'owners' | 'assign'>,
    private readonly tenantExists: TenantExists,
    private readonly logger: Logger,
  ) {}

  /**
   * Sets the customer's live numbers when its tenant exists; leaves it waiting otherwise, and when
   * the directory or the database fails (logged once per outage): the next tick looks again.
   */
  async provision(customer: SimulatedCustomer): Promise<void> {
    try {
      await this.assignNumbers(customer);
      if (this.failing) this.logger.info('simulated numbers can be checked again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error, tenantId: customer.tenantId }, 'the simulated numbers cannot be checked now; the next tick tries again');
      this.failing = true;
    }
  }

  private async assignNumbers(customer: SimulatedCustomer): Promise<void> {
    const { tenantId } = customer;
    if (!(await this.tenantExists(tenantId))) return;
    const owners = await this.numbers.owners(customer.configuredNumbers);
    const live: string[] = [];
    const assigned: string[] = [];
    for (const number of customer.configuredNumbers) {
      const owner = owners.get(number);
      if (owner === tenantId) {
        live.push(number);
      } else if (owner === undefined) {
        await this.numbers.assign(number, tenantId);
        assigned.push(number);
        live.push(number);
      } else if (!this.warned.has(`${number} ${owner}`)) {
        this.warned.add(`${number} ${owner}`);
        this.logger.warn({ number, owner, tenantId }, 'a simulated number belongs to another tenant; the simulator leaves it alone and sends no calls to it');
      }
    }
    if (assigned.length) this.logger.info({ tenantId, numbers: assigned }, 'simulated numbers assigned to their customer');
    if (!live.length && !this.warned.has(tenantId)) {
      this.warned.add(tenantId);
      this.logger.warn({ tenantId }, 'none of the simulated numbers belongs to the customer; it gets no simulated calls');
    }
    customer.liveNumbers = live;
    customer.needsNumbers = false;
  }
}
