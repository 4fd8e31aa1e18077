import type { Knex } from 'knex';
import type { Identity } from './identity.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * A plugin's storage. Every table a plugin owns is named `<prefix><name>` (see tablePrefix);
 * `table()` builds that name so plugin code never spells the prefix out.
 */
export interface PluginStorage {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** `toll_free_` for the toll-free plugin. */
  readonly prefix: string;
  /** The full name of one of the plugin's tables. */
  table(name: string): string;
  /** A query on one of the plugin's tables. */
  from(name: string): Knex.QueryBuilder;
  /** A query on one of the plugin's tables limited to the rows of the caller's tenant subtree (column `tenant_id`). */
  forTenant(name: string, identity: Identity): Knex.QueryBuilder;
}

/**
 * The shape of one migration file in a plugin's migrations folder. Each runs in its own
 * transaction (the `knex` it receives is that transaction), together with the row recording it.
 */
export interface Migration {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}
