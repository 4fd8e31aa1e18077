import type { Knex } from 'knex';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  status: string;
  secret_hash: string;
  redirect_uris: string;
  grant_types: string;
}

/**
 * The provider's clients are the directory's API clients: read, never written, by the provider.
 * The secret it holds is the sha256 of the real one (see `hashedSecretComparison`).
 */
export class ClientAdapter implements Adapter {
  constructor(private readonly knex: Knex) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const row = (await this.knex('host_clients as c')
      .join('host_client_credentials as k', 'k.client_id', 'c.id')
      .where('c.id', id)
      .first('c.id', 'c.tenant_id', 'c.name', 'c.status', 'k.secret_hash', 'k.redirect_uris', 'k.grant_types')) as ClientRow | undefined;
    if (!row || row.status !== 'active') return undefined;
    const grantTypes = JSON.parse(row.grant_types) as string[];
    return {
      client_id: row.id,
      client_name: row.name,
      client_secret: row.secret_hash,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: grantTypes,
      redirect_uris: JSON.parse(row.redirect_uris) as string[],
      response_types: grantTypes.includes('authorization_code') ? ['code'] : [],
    };
  }

  // The provider never writes clients: they come from the directory.
  async upsert(): Promise<void> {}
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}
