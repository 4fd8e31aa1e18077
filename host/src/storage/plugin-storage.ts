import { tablePrefix, type Identity, type PluginStorage } from '@switchboard/sdk';
import type { Database } from './database.js';

/** What a plugin gets as its storage: the shared pool, with every table name carrying the plugin's prefix. */
export function createPluginStorage(db: Database, pluginId: string): PluginStorage {
  const prefix = tablePrefix(pluginId);
  const table = (name: string): string => {
    if (!name) throw new Error(`Plugin "${pluginId}" asked for a table without a name`);
    return `${prefix}${name}`;
  };
  const from = (name: string) => db.knex(table(name));
  return {
    knex: db.knex,
    dialect: db.dialect,
    prefix,
    table,
    from,
    // Qualified with the table name so the filter stays unambiguous when the caller joins other tables.
    forTenant: (name: string, identity: Identity) => from(name).whereIn(`${table(name)}.tenant_id`, [...identity.tenants]),
  };
}
