import type { Knex } from 'knex';

/**
 * A built-in role for network elements (switches sending CDRs, SIP proxies asking for routes):
 * the entitlements plugins name `network.*`, and nothing a person uses.
 */
export async function up(knex: Knex): Promise<void> {
  const now = new Date().toISOString();
  await knex('host_roles').insert({
    id: 'network-element',
    tenant_id: null,
    name: 'Network element',
    description: 'What switches and SIP proxies do: send call records, ask where calls go',
    entitlements: JSON.stringify(['*:network.*']),
    built_in: true,
    created_at: now,
    updated_at: now,
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('host_roles').where({ id: 'network-element' }).delete();
}
