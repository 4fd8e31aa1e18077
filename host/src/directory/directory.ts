import { randomUUID } from 'node:crypto';
import type {
  ApiClient,
  AuditLog,
  ClientStatus,
  Clock,
  Directory as DirectoryContract,
  DirectoryUser,
  EventBus,
  Explanation,
  Grant,
  Identity,
  ListOptions,
  NewClient,
  NewGrant,
  NewRole,
  NewTenant,
  NewUser,
  Role,
  RoleChanges,
  SubjectRef,
  Subscription,
  Tenant,
  TenantChanges,
  UserChanges,
  UserStatus,
} from '@switchboard/sdk';
import type { Database } from '../storage/index.js';
import { auditActor, type Actor } from './actor.js';
import { HOST_PLUGIN, withHostEntitlements, type Catalog } from './catalog.js';
import { DIRECTORY_CHANGED, readChangeMessage, type ChangeMessage, type DirectoryChange } from './changes.js';
import * as clients from './clients.js';
import { requireCovers } from './covers.js';
import type { ChangeRecord, DirectoryContext } from './context.js';
import * as grants from './grants.js';
import { IdentityCache } from './identity-cache.js';
import { loadIdentity } from './identities.js';
import { pluginView } from './plugin-view.js';
import * as roles from './roles.js';
import * as tenants from './tenants.js';
import * as users from './users.js';
import { visibleSubject } from './visibility.js';

export interface DirectoryOptions {
  db: Database;
  /** The host's own bus (not a plugin's scoped view): the directory publishes under `host.`. */
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  /** Installed plugin id -> its local entitlement names; the directory adds its own under `host`. */
  catalog: () => Catalog;
  /** Where a failure to tell other processes about a change is reported. Default: the console. */
  log?: DirectoryLog;
  cache?: {
    /** Default 10,000 subjects. */
    maxEntries?: number;
    /**
     * Nothing cached is served older than this, in case an invalidation message was lost (a NATS
     * reconnect). Changes take effect through invalidation, not through this. Default 5 minutes.
     */
    ttlMs?: number;
  };
}

/** Pino's and the SDK logger's shape. */
export interface DirectoryLog {
  warn(obj: object, msg?: string): void;
}

const consoleLog: DirectoryLog = { warn: (obj, msg) => console.warn(`[directory] ${msg ?? ''}`, obj) };

const cacheKey = (kind: 'user' | 'client', id: string) => `${kind}:${id}`;

/**
 * The directory: tenants, subscriptions, users, roles, grants, API clients, and the identities
 * they make. Every administration method takes the acting Identity, or OPERATOR for the trusted
 * command line, and enforces the rules itself (see the SDK's Directory contract).
 *
 * Identities are cached in memory for the request path. A change drops the affected ones here
 * before its call returns, and is published as `host.directory.changed` so that every other host
 * process on the same bus drops them too.
 */
export class Directory implements DirectoryContract {
  /** Resolves once this instance listens for other processes' changes. */
  readonly ready: Promise<void>;

  private readonly ctx: DirectoryContext;
  private readonly cache: IdentityCache;
  private readonly origin = randomUUID();
  private readonly subscription: Promise<Subscription | null>;
  private readonly log: DirectoryLog;
  private lastCatalog: { given: Catalog; merged: Catalog } | null = null;

  constructor(private readonly options: DirectoryOptions) {
    this.log = options.log ?? consoleLog;
    this.cache = new IdentityCache({
      maxEntries: options.cache?.maxEntries ?? 10_000,
      ttlMs: options.cache?.ttlMs ?? 5 * 60_000,
      now: () => options.clock.now().getTime(),
    });
    this.ctx = {
      knex: options.db.knex,
      clock: options.clock,
      catalog: () => this.catalog(),
      now: () => options.clock.now().toISOString(),
      changed: (affects, record) => this.changed(affects, record),
    };
    const listening = options.bus.subscribe<unknown>(DIRECTORY_CHANGED, (event) => this.heard(readChangeMessage(event.data)));
    this.subscription = listening.catch(() => null);
    this.ready = listening.then(() => undefined);
    // Reported here; whoever awaits `ready` sees the failure too.
    this.ready.catch((error: unknown) => this.log.warn({ err: error }, 'the directory cannot hear other processes\' changes'));
  }

  /** The Identity of a user for the request path, from memory when it can be; null when they may not act. */
  identityForUser(userId: string): Promise<Identity | null> {
    return this.identityOf({ kind: 'user', id: userId });
  }

  /** The Identity of an API client, as identityForUser. */
  identityForClient(clientId: string): Promise<Identity | null> {
    return this.identityOf({ kind: 'client', id: clientId });
  }

  /** The user of a login, whatever their status (the login page decides what to say). */
  userByLogin(login: string): Promise<DirectoryUser | null> {
    return users.userByLogin(this.ctx, login);
  }

  /**
   * Refuses (404 when out of view, 403 `grant_exceeds_own`) unless the actor may see the subject
   * and holds at least everything the subject holds: for acts on someone else's account that hand
   * over its standing, such as resetting their password or second factor.
   */
  async requireCovers(actor: Actor, subject: SubjectRef): Promise<void> {
    const target = await visibleSubject(this.ctx.knex, actor, subject);
    await requireCovers(this.ctx.knex, this.catalog(), actor, subject, target.tenant_id);
  }

  /** Drops every cached identity here and in every other process: after the catalog of installed entitlements changed. */
  invalidateAll(): Promise<void> {
    return this.publish({ all: true });
  }

  /** The contract as plugins get it: no operator, nothing beyond the contract. */
  forPlugins(): DirectoryContract {
    return pluginView(this);
  }

  /** Creates the carrier, the root of the tree, unless it exists. */
  ensureCarrier(id: string, name: string): Promise<Tenant> {
    return tenants.ensureCarrier(this.ctx, id, name);
  }

  async close(): Promise<void> {
    await (await this.subscription)?.unsubscribe();
  }

  getTenant(actor: Actor, tenantId: string): Promise<Tenant> {
    return tenants.getTenant(this.ctx, actor, tenantId);
  }
  listTenants(actor: Actor): Promise<Tenant[]> {
    return tenants.listTenants(this.ctx, actor);
  }
  createTenant(actor: Actor, input: NewTenant): Promise<Tenant> {
    return tenants.createTenant(this.ctx, actor, input);
  }
  updateTenant(actor: Actor, tenantId: string, changes: TenantChanges): Promise<Tenant> {
    return tenants.updateTenant(this.ctx, actor, tenantId, changes);
  }
  getSubscriptions(actor: Actor, tenantId: string): Promise<string[]> {
    return tenants.getSubscriptions(this.ctx, actor, tenantId);
  }
  setSubscriptions(actor: Actor, tenantId: string, plugins: readonly string[]): Promise<string[]> {
    return tenants.setSubscriptions(this.ctx, actor, tenantId, plugins);
  }
  getOfferedServices(actor: Actor, tenantId: string): Promise<string[]> {
    return tenants.getOfferedServices(this.ctx, actor, tenantId);
  }

  getUser(actor: Actor, userId: string): Promise<DirectoryUser> {
    return users.getUser(this.ctx, actor, userId);
  }
  listUsers(actor: Actor, options?: ListOptions): Promise<DirectoryUser[]> {
    return users.listUsers(this.ctx, actor, options);
  }
  createUser(actor: Actor, input: NewUser): Promise<DirectoryUser> {
    return users.createUser(this.ctx, actor, input);
  }
  updateUser(actor: Actor, userId: string, changes: UserChanges): Promise<DirectoryUser> {
    return users.updateUser(this.ctx, actor, userId, changes);
  }
  setUserStatus(actor: Actor, userId: string, status: UserStatus): Promise<DirectoryUser> {
    return users.setUserStatus(this.ctx, actor, userId, status);
  }

  listRoles(actor: Actor, options?: ListOptions): Promise<Role[]> {
    return roles.listRoles(this.ctx, actor, options);
  }
  getRole(actor: Actor, roleId: string): Promise<Role> {
    return roles.getRole(this.ctx, actor, roleId);
  }
  createRole(actor: Actor, input: NewRole): Promise<Role> {
    return roles.createRole(this.ctx, actor, input);
  }
  updateRole(actor: Actor, roleId: string, changes: RoleChanges): Promise<Role> {
    return roles.updateRole(this.ctx, actor, roleId, changes);
  }
  deleteRole(actor: Actor, roleId: string): Promise<void> {
    return roles.deleteRole(this.ctx, actor, roleId);
  }

  listGrants(actor: Actor, options?: ListOptions & { subject?: SubjectRef }): Promise<Grant[]> {
    return grants.listGrants(this.ctx, actor, options);
  }
  grant(actor: Actor, input: NewGrant): Promise<Grant> {
    return grants.grant(this.ctx, actor, input);
  }
  revoke(actor: Actor, grantId: string): Promise<void> {
    return grants.revoke(this.ctx, actor, grantId);
  }
  explain(actor: Actor, subject: SubjectRef): Promise<Explanation> {
    return grants.explain(this.ctx, actor, subject);
  }

  getClient(actor: Actor, clientId: string): Promise<ApiClient> {
    return clients.getClient(this.ctx, actor, clientId);
  }
  listClients(actor: Actor, options?: ListOptions): Promise<ApiClient[]> {
    return clients.listClients(this.ctx, actor, options);
  }
  createClient(actor: Actor, input: NewClient): Promise<ApiClient> {
    return clients.createClient(this.ctx, actor, input);
  }
  setClientStatus(actor: Actor, clientId: string, status: ClientStatus): Promise<ApiClient> {
    return clients.setClientStatus(this.ctx, actor, clientId, status);
  }

  private identityOf(subject: SubjectRef): Promise<Identity | null> {
    if (typeof subject.id !== 'string' || subject.id.length === 0 || subject.id.length > 128) return Promise.resolve(null);
    return this.cache.get(cacheKey(subject.kind, subject.id), () => loadIdentity(this.ctx.knex, this.catalog(), subject));
  }

  /** The host's catalog with the directory's own entitlements, merged once per catalog the host gives. */
  private catalog(): Catalog {
    const given = this.options.catalog();
    if (this.lastCatalog?.given !== given) this.lastCatalog = { given, merged: withHostEntitlements(given) };
    return this.lastCatalog.merged;
  }

  private async changed(affects: DirectoryChange, record: ChangeRecord): Promise<void> {
    const published = this.publish(affects);
    await this.options.audit.append({
      actor: auditActor(record.actor),
      tenantId: record.tenantId,
      plugin: HOST_PLUGIN,
      action: record.action,
      ...(record.resource !== undefined ? { resource: record.resource } : {}),
      outcome: 200,
      ...(record.details !== undefined ? { details: record.details } : {}),
    });
    await published;
  }

  /**
   * Drops the affected identities here, synchronously, then tells the other processes. A failure
   * to publish is logged, not thrown: the change is made, and the cache's age limit bounds how long
   * another process can hold the old identity.
   */
  private async publish(affects: DirectoryChange): Promise<void> {
    this.cache.invalidate(affects, cacheKey);
    if (!affects.all && !affects.users?.length && !affects.clients?.length && !affects.tenants?.length) return;
    const message: ChangeMessage = { ...affects, origin: this.origin };
    try {
      await this.options.bus.publish(DIRECTORY_CHANGED, message);
    } catch (error) {
      this.log.warn({ err: error, change: message }, 'a directory change was not published to the other host processes');
    }
  }

  private heard(message: ChangeMessage): void {
    if (message.origin === this.origin) return; // dropped already, before the change returned
    this.cache.invalidate(message, cacheKey);
  }
}
