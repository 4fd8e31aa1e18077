import type { Identity, ResourceScope } from './identity.js';

/**
 * The directory: tenants, their subscriptions, users, roles, grants and API clients. The host owns
 * it; the orders plugin builds its administration on this contract.
 *
 * Every method takes the acting Identity (the caller of the request) and applies the rules of the
 * house itself, so a plugin cannot get them wrong:
 * - the actor needs the host entitlement for the area (`host:users.write`, ...; see HOST_ENTITLEMENTS);
 * - every tenant, user, client, role and grant touched must lie in the actor's tenant subtree:
 *   another tenant's id is answered exactly like an id that does not exist (404 `not_found`);
 * - a tenant grants only entitlements of services it subscribes to; an actor delegates only
 *   entitlements (and resource scopes) they hold themselves (403 `grant_exceeds_own`);
 * - nobody edits their own grants or status (403 `own_grants`, `own_status`), nor their own tenant's
 *   subscriptions or status (403 `own_tenant`).
 * Refusals are ApiErrors with stable codes; bad input is 400 `invalid_request` with `fields`.
 * Every change is written to the audit trail and takes effect on the subject's next request.
 */
export interface Directory {
  /** One tenant of the actor's subtree (needs `host:tenants.read`, or it is the actor's own tenant). */
  getTenant(actor: Identity, tenantId: string): Promise<Tenant>;
  /** The actor's tenant and everything below it, in tree order (needs `host:tenants.read`). */
  listTenants(actor: Identity): Promise<Tenant[]>;
  /** A reseller under the carrier, or a customer under a reseller or the carrier (needs `host:tenants.write`). */
  createTenant(actor: Identity, input: NewTenant): Promise<Tenant>;
  /** Name and MFA requirement; theme and status only of a tenant below the actor's own (needs `host:tenants.write`). */
  updateTenant(actor: Identity, tenantId: string, changes: TenantChanges): Promise<Tenant>;
  /** The services (plugin ids) the tenant may use; the carrier has every installed one. */
  getSubscriptions(actor: Identity, tenantId: string): Promise<string[]>;
  /**
   * Replaces the subscriptions of a tenant below the actor's own (needs `host:tenants.write`). Only
   * what the parent has; a service dropped here is dropped from every tenant below as well.
   */
  setSubscriptions(actor: Identity, tenantId: string, plugins: readonly string[]): Promise<string[]>;
  /**
   * The services (plugin ids) the tenant above `tenantId` offers it, that is, what that tenant may
   * be given: the parent's subscriptions, and nothing else of the parent. For the carrier, which
   * has nothing above it, every installed service. Any caller may ask for their own tenant; another
   * tenant of the actor's subtree needs `host:tenants.read`.
   */
  getOfferedServices(actor: Identity, tenantId: string): Promise<string[]>;

  getUser(actor: Identity, userId: string): Promise<DirectoryUser>;
  /** Users of a tenant (default: the actor's) and, unless `descendants` is false, of every tenant below it. */
  listUsers(actor: Identity, options?: ListOptions): Promise<DirectoryUser[]>;
  /** A new user, status 'invited' and without grants (needs `host:users.write`). 409 `login_taken`. */
  createUser(actor: Identity, input: NewUser): Promise<DirectoryUser>;
  updateUser(actor: Identity, userId: string, changes: UserChanges): Promise<DirectoryUser>;
  /** Disable or enable; enabling gives back the user's grants, so the actor must be able to delegate them. */
  setUserStatus(actor: Identity, userId: string, status: UserStatus): Promise<DirectoryUser>;

  /** The built-in roles and the custom roles of a tenant (and, unless `descendants` is false, below it). */
  listRoles(actor: Identity, options?: ListOptions): Promise<Role[]>;
  getRole(actor: Identity, roleId: string): Promise<Role>;
  /** A custom role of a tenant; its patterns must give only what the tenant subscribes to and the actor holds. */
  createRole(actor: Identity, input: NewRole): Promise<Role>;
  /** Built-in roles cannot be changed. New entitlements must be delegable at every existing grant's scope. */
  updateRole(actor: Identity, roleId: string, changes: RoleChanges): Promise<Role>;
  /** 409 `role_in_use` while any grant uses it. */
  deleteRole(actor: Identity, roleId: string): Promise<void>;

  /** Grants whose subject lies in the tenant subtree, or of one subject. */
  listGrants(actor: Identity, options?: ListOptions & { subject?: SubjectRef }): Promise<Grant[]>;
  /** Gives a role to a user or client, for all resources or only the ones listed (needs `host:grants.write`). */
  grant(actor: Identity, input: NewGrant): Promise<Grant>;
  revoke(actor: Identity, grantId: string): Promise<void>;
  /** Which grant and which role pattern gives the subject each entitlement, and what gives nothing. */
  explain(actor: Identity, subject: SubjectRef): Promise<Explanation>;

  getClient(actor: Identity, clientId: string): Promise<ApiClient>;
  listClients(actor: Identity, options?: ListOptions): Promise<ApiClient[]>;
  /** The record of an OAuth client; its secret is issued elsewhere (needs `host:clients.write`). */
  createClient(actor: Identity, input: NewClient): Promise<ApiClient>;
  setClientStatus(actor: Identity, clientId: string, status: ClientStatus): Promise<ApiClient>;
  /**
   * What an API client may do right now (its tenants and grants), or null when it is unknown or
   * disabled: for work a plugin does on a client's behalf without a request of its, such as
   * reading the files a switch drops in a folder. The caller still checks the entitlement.
   */
  identityForClient(clientId: string): Promise<Identity | null>;
}

/**
 * The directory's own entitlements, held under plugin id `host` (`host:users.write`). Every tenant
 * has them available, and the built-in administrator role (`*:*`) includes them.
 */
export const HOST_ENTITLEMENTS = {
  'tenants.read': 'See the tenants below yours and their subscriptions',
  'tenants.write': 'Create tenants below yours, change them and their subscriptions',
  'users.read': 'See users, their grants and what each may do',
  'users.write': 'Add users, change and disable them',
  'roles.read': 'See roles',
  'roles.write': 'Define, change and remove custom roles',
  'grants.write': 'Give and take away roles (only what you hold yourself)',
  'clients.read': 'See API clients',
  'clients.write': 'Add API clients and disable them',
  'audit.read': 'See the audit trail of your tenant and the tenants below it',
} as const satisfies Record<string, string>;

export type TenantKind = 'carrier' | 'reseller' | 'customer';
export type TenantStatus = 'active' | 'disabled';

export interface Tenant {
  /** A slug: lower-case letters, digits and single dashes, 2 to 63 characters. Unique in the installation. */
  id: string;
  /** Null only for the carrier. */
  parentId: string | null;
  kind: TenantKind;
  name: string;
  /** The ids from the carrier down to this tenant: `/carrier/northwind/acme/`. */
  path: string;
  status: TenantStatus;
  /** The theme (brand) the tenant's users see, or null to inherit the host name's. */
  theme: string | null;
  /** Every user of the tenant must use a second factor. */
  mfaRequired: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewTenant {
  id: string;
  parentId: string;
  kind: Exclude<TenantKind, 'carrier'>;
  name: string;
  theme?: string | null;
  mfaRequired?: boolean;
  /** Initial subscriptions; the same rules as setSubscriptions. */
  subscriptions?: readonly string[];
}

export interface TenantChanges {
  name?: string;
  theme?: string | null;
  mfaRequired?: boolean;
  status?: TenantStatus;
}

export type UserStatus = 'invited' | 'active' | 'disabled';

export interface DirectoryUser {
  id: string;
  tenantId: string;
  /** Lower-case, unique in the installation. */
  login: string;
  name: string;
  email: string;
  /** 'invited' until the user has set up their credentials; 'disabled' users cannot act. */
  status: UserStatus;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  tenantId: string;
  /** Letters, digits and `. _ @ + -`, 3 to 128 characters; stored lower-case. */
  login: string;
  name: string;
  email: string;
}

export interface UserChanges {
  name?: string;
  email?: string;
}

export interface Role {
  id: string;
  /** Null for the built-in roles, which every tenant sees. */
  tenantId: string | null;
  name: string;
  description: string;
  /**
   * Patterns over qualified entitlement names `plugin:name`. `*` stands for any run of characters
   * within its side of the colon: `*:*` is everything, `toll-free:*` all of a plugin, `*:*.read`
   * every read entitlement. A pattern gives a subject only entitlements of installed services
   * their tenant subscribes to.
   */
  entitlements: string[];
  builtIn: boolean;
}

export interface NewRole {
  tenantId: string;
  name: string;
  description?: string;
  entitlements: readonly string[];
}

export interface RoleChanges {
  name?: string;
  description?: string;
  entitlements?: readonly string[];
}

export type SubjectKind = 'user' | 'client';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

export interface Grant {
  id: string;
  subject: SubjectRef;
  /** The subject's tenant. */
  tenantId: string;
  roleId: string;
  /** '*' for every resource of the tenant, or the resource ids the grant is limited to. */
  scope: ResourceScope;
  /** Subject id of whoever gave it ('operator' for the command line). */
  grantedBy: string;
  createdAt: string;
}

export interface NewGrant {
  subject: SubjectRef;
  roleId: string;
  /** Omitted or '*' for every resource; otherwise 1 to 1,000 resource ids. */
  scope?: ResourceScope;
}

export type ClientKind = 'automation' | 'network';
export type ClientStatus = 'active' | 'disabled';

export interface ApiClient {
  id: string;
  tenantId: string;
  name: string;
  /** A customer's own automation, or a network element (switch, SIP proxy) of the carrier. */
  kind: ClientKind;
  status: ClientStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewClient {
  tenantId: string;
  name: string;
  kind: ClientKind;
}

export interface ListOptions {
  /** The tenant to list; default the actor's own. */
  tenantId?: string;
  /** Include the tenants below it; default true. */
  descendants?: boolean;
}

/** Why a subject may do what they may. */
export interface Explanation {
  subject: SubjectRef;
  tenantId: string;
  /** False when the subject or a tenant above it is disabled: they can do nothing at all right now. */
  active: boolean;
  /** The services the subject's tenant subscribes to (`host` always). */
  subscriptions: string[];
  /** Each effective entitlement, its merged scope, and every grant pattern that gives it. */
  entitlements: ExplainedEntitlement[];
  /** Grant patterns that give nothing here, and why. */
  ineffective: IneffectivePattern[];
}

export interface ExplainedEntitlement {
  entitlement: string;
  scope: ResourceScope;
  sources: EntitlementSource[];
}

export interface EntitlementSource {
  grantId: string;
  roleId: string;
  roleName: string;
  pattern: string;
  scope: ResourceScope;
}

export interface IneffectivePattern {
  grantId: string;
  roleId: string;
  roleName: string;
  pattern: string;
  /** `not_subscribed`: the tenant lacks the service; `no_match`: no installed entitlement matches. */
  reason: 'not_subscribed' | 'no_match';
}
