import type { Knex } from 'knex';
import type { Identity, PluginStorage, ResourceScope } from '@switchboard/sdk';

export interface TrafficFilterOptions {
  /** Narrow to one tenant of the caller's subtree (carrier and reseller staff look at one customer). */
  tenantId?: string;
  /** Narrow to one dialed number. */
  dialedNumber?: string;
}

/**
 * What a reader may see of calls and rollups: the rows of their tenant subtree (through
 * `storage.forTenant`, so another tenant's calls never appear), within the dialed numbers their
 * grant of calls.read is scoped to, narrowed by what they asked for. A tenant or number outside
 * what they may see simply matches nothing, exactly like one without traffic.
 */
export class TrafficFilter {
  constructor(
    private readonly identity: Identity,
    private readonly scope: ResourceScope,
    private readonly options: TrafficFilterOptions = {},
  ) {}

  /** A query on one of the plugin's tables (all have tenant_id and dialed_number) with the filter applied. */
  apply(storage: PluginStorage, table: string): Knex.QueryBuilder {
    const query = storage.forTenant(table, this.identity);
    const column = (name: string) => `${storage.table(table)}.${name}`;
    if (this.scope !== '*') query.whereIn(column('dialed_number'), [...this.scope]);
    if (this.options.tenantId !== undefined) query.where(column('tenant_id'), this.options.tenantId);
    if (this.options.dialedNumber !== undefined) query.where(column('dialed_number'), this.options.dialedNumber);
    return query;
  }
}
