import type { Knex } from 'knex';
import type { Adapter, AdapterPayload } from 'oidc-provider';

const TABLE = 'host_oidc';

interface Row {
  kind: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: number | string | null;
  consumed_at: number | string | null;
}

/**
 * oidc-provider's records (sessions, interactions, authorization codes, grants...) in the host's
 * storage, so every host process sees the same ones. Expired rows read as absent and are swept.
 */
export class KnexOidcAdapter implements Adapter {
  constructor(
    private readonly knex: Knex,
    private readonly kind: string,
    private readonly now: () => number = Date.now,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const row: Row = {
      kind: this.kind,
      id,
      payload: JSON.stringify(payload),
      grant_id: payload.grantId ?? null,
      uid: payload.uid ?? null,
      user_code: payload.userCode ?? null,
      expires_at: expiresIn ? this.now() + expiresIn * 1000 : null,
      consumed_at: null,
    };
    await this.knex(TABLE).insert(row).onConflict(['kind', 'id']).merge();
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.read({ kind: this.kind, id });
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.read({ kind: this.kind, uid });
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.read({ kind: this.kind, user_code: userCode });
  }

  async consume(id: string): Promise<void> {
    await this.knex(TABLE).where({ kind: this.kind, id }).update({ consumed_at: this.now() });
  }

  /** Marks a record used if nobody did before; true for the one caller that did. Atomic across processes. */
  async consumeOnce(id: string): Promise<boolean> {
    return (await this.knex(TABLE).where({ kind: this.kind, id }).whereNull('consumed_at').update({ consumed_at: this.now() })) === 1;
  }

  async destroy(id: string): Promise<void> {
    await this.knex(TABLE).where({ kind: this.kind, id }).delete();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.knex(TABLE).where({ grant_id: grantId }).delete();
  }

  private async read(where: Partial<Row>): Promise<AdapterPayload | undefined> {
    const row = (await this.knex<Row>(TABLE).where(where).first()) as Row | undefined;
    if (!row) return undefined;
    if (row.expires_at !== null && Number(row.expires_at) <= this.now()) {
      await this.knex(TABLE).where({ kind: row.kind, id: row.id }).delete();
      return undefined;
    }
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: Math.floor(Number(row.consumed_at) / 1000) };
  }
}

/** Removes every expired record; the host runs it now and then. */
export async function sweepExpiredOidcRecords(knex: Knex, now = Date.now()): Promise<number> {
  return knex(TABLE).whereNotNull('expires_at').where('expires_at', '<=', now).delete();
}
