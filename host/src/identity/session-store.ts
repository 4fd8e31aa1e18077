import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock, EventBus } from '@switchboard/sdk';

const TABLE = 'host_sessions';
const ENDED = 'host.session.ended';
/** Last-seen times reach the database at most this often per session: the request path stays read-only. */
const TOUCH_EVERY_MS = 60_000;
const CACHE_LIMIT = 50_000;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  oidcSessionUid: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** When this process last wrote lastSeenAt. */
  touchedAt: number;
}

interface Row {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  oidc_session_uid: string | null;
  created_at: string;
  last_seen_at: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const fromRow = (row: Row): Session => ({
  idHash: row.id_hash,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  oidcSessionUid: row.oidc_session_uid,
  createdAt: Date.parse(row.created_at),
  lastSeenAt: Date.parse(row.last_seen_at),
  touchedAt: Date.parse(row.last_seen_at),
});

/**
 * Server-side browser sessions. The cookie holds a 256-bit random token; storage holds only its
 * hash. Sessions are kept in memory on the request path and read from storage on a miss, so several
 * host processes share them; ending one is published on the bus so every process forgets it at once.
 */
export class SessionStore {
  private readonly cache = new Map<string, Session>();

  private constructor(
    private readonly knex: Knex,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  static async open(knex: Knex, bus: EventBus, clock: Clock, policy: SessionPolicy): Promise<SessionStore> {
    const store = new SessionStore(knex, bus, clock, policy);
    await bus.subscribe<{ idHashes: string[] }>(ENDED, (event) => event.data.idHashes.forEach((h) => store.cache.delete(h)));
    return store;
  }

  /** A new session: a new token every time, so signing in never keeps an id from before (session fixation). */
  async create(userId: string, details: { oidcSessionUid?: string | null; ip?: string; userAgent?: string } = {}): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const row: Row = {
      id_hash: hashOf(token),
      user_id: userId,
      csrf_token: randomBytes(32).toString('base64url'),
      oidc_session_uid: details.oidcSessionUid ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
    };
    await this.knex(TABLE).insert({ ...row, ip: details.ip?.slice(0, 64) ?? null, user_agent: details.userAgent?.slice(0, 300) ?? null });
    const session = fromRow(row);
    this.remember(session);
    return { token, session };
  }

  /** The live session of a cookie token, or null when there is none or it has timed out (it is then ended). */
  async find(token: string): Promise<Session | null> {
    const idHash = hashOf(token);
    let session = this.cache.get(idHash);
    const now = this.clock.now().getTime();
    if (session && this.expired(session, now)) session = undefined; // another process may have seen it since: ask storage
    if (!session) {
      const row = (await this.knex<Row>(TABLE).where({ id_hash: idHash }).first()) as Row | undefined;
      if (!row) return null;
      session = fromRow(row);
      if (this.expired(session, now)) {
        await this.endByHash([idHash]);
        return null;
      }
      this.remember(session);
    }
    session.lastSeenAt = now;
    if (now - session.touchedAt > TOUCH_EVERY_MS) {
      session.touchedAt = now;
      await this.knex(TABLE).where({ id_hash: idHash }).update({ last_seen_at: new Date(now).toISOString() });
    }
    return session;
  }

  async end(token: string): Promise<Session | null> {
    const idHash = hashOf(token);
    const row = (await this.knex<Row>(TABLE).where({ id_hash: idHash }).first()) as Row | undefined;
    await this.endByHash([idHash]);
    return row ? fromRow(row) : null;
  }

  /** Ends every session of a user: disabled, or their password changed. */
  async endAllFor(userId: string): Promise<void> {
    const rows = (await this.knex<Row>(TABLE).where({ user_id: userId }).select('id_hash')) as Pick<Row, 'id_hash'>[];
    await this.endByHash(rows.map((r) => r.id_hash));
  }

  private async endByHash(idHashes: string[]): Promise<void> {
    if (idHashes.length === 0) return;
    await this.knex(TABLE).whereIn('id_hash', idHashes).delete();
    idHashes.forEach((h) => this.cache.delete(h));
    await this.bus.publish(ENDED, { idHashes });
  }

  private expired(session: Session, now: number): boolean {
    return now - session.lastSeenAt > this.policy.idleMs || now - session.createdAt > this.policy.absoluteMs;
  }

  private remember(session: Session): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(session.idHash, session);
  }
}
