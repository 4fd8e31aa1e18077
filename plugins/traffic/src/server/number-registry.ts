import type { Clock, Identity, PluginStorage, ResourceScope } from '@switchboard/sdk';
import { chunks, TABLES } from './tables.js';

/** A number and the tenant that owns it, as the API shows it. */
export interface NumberOwner {
  number: string;
  tenantId: string;
  createdAt: string;
  updatedAt: string;
}

interface NumberRow {
  number: string;
  tenant_id: string;
  created_at: string;
  updated_at: string;
}

const toOwner = (row: NumberRow): NumberOwner => ({ number: row.number, tenantId: row.tenant_id, createdAt: row.created_at, updatedAt: row.updated_at });

/** Look-ups per statement: the distinct numbers of a 1,000-record batch in two queries at most. */
const NUMBERS_PER_LOOKUP = 500;

/** traffic_numbers: which tenant owns each E.164 number, for attributing calls. */
export class NumberRegistry {
  constructor(
    private readonly storage: PluginStorage,
    private readonly clock: Clock,
  ) {}

  /** The owners of some numbers; numbers nobody owns are absent from the map. */
  async owners(numbers: Iterable<string>): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const piece of chunks([...new Set(numbers)], NUMBERS_PER_LOOKUP)) {
      const rows = (await this.storage.from(TABLES.numbers).select('number', 'tenant_id').whereIn('number', piece)) as Pick<NumberRow, 'number' | 'tenant_id'>[];
      for (const row of rows) owners.set(row.number, row.tenant_id);
    }
    return owners;
  }

  /** Gives a number to a tenant, or moves it to another; calls already stored keep their tenant. */
  async assign(number: string, tenantId: string): Promise<NumberOwner> {
    const now = this.clock.now().toISOString();
    await this.storage
      .from(TABLES.numbers)
      .insert({ number, tenant_id: tenantId, created_at: now, updated_at: now })
      .onConflict('number')
      .merge({ tenant_id: tenantId, updated_at: now });
    return toOwner((await this.storage.from(TABLES.numbers).where({ number }).first()) as NumberRow);
  }

  /**
   * Takes a number from a tenant that no longer has it (disconnected by an order). Only from that
   * tenant: a number already moved to another is left with its new owner. Calls stored keep their
   * tenant. Returns whether the number was that tenant's.
   */
  async release(number: string, tenantId: string): Promise<boolean> {
    return (await this.storage.from(TABLES.numbers).where({ number, tenant_id: tenantId }).delete()) > 0;
  }

  /** The tenant owning a number, or null when nobody has it. */
  async ownerOf(number: string): Promise<string | null> {
    const row = (await this.storage.from(TABLES.numbers).select('tenant_id').where({ number }).first()) as Pick<NumberRow, 'tenant_id'> | undefined;
    return row?.tenant_id ?? null;
  }

  /** The numbers these tenants own, each with its owner, in tenant then number order. */
  async numbersOf(tenants: readonly string[]): Promise<Array<{ number: string; tenantId: string }>> {
    if (tenants.length === 0) return [];
    const rows = (await this.storage.from(TABLES.numbers).select('number', 'tenant_id').whereIn('tenant_id', [...new Set(tenants)]).orderBy(['tenant_id', 'number'])) as Pick<NumberRow, 'number' | 'tenant_id'>[];
    return rows.map((row) => ({ number: row.number, tenantId: row.tenant_id }));
  }

  /** The numbers of the caller's tenant subtree (within their grant's scope of numbers), in number order. */
  async list(identity: Identity, options: { scope: ResourceScope; tenantId?: string; limit: number }): Promise<NumberOwner[]> {
    const rows = this.storage.forTenant(TABLES.numbers, identity).orderBy('number').limit(options.limit);
    if (options.scope !== '*') rows.whereIn('number', [...options.scope]);
    if (options.tenantId !== undefined) rows.where('tenant_id', options.tenantId);
    return ((await rows) as NumberRow[]).map(toOwner);
  }
}
