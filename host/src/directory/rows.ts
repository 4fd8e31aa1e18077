import type { ApiClient, DirectoryUser, Grant, Role, SubjectKind, Tenant } from '@switchboard/sdk';
import { scopeFromColumn } from './scopes.js';

/** The directory's tables and their rows as the database returns them. */
export const T = {
  tenants: 'host_tenants',
  subscriptions: 'host_subscriptions',
  users: 'host_users',
  roles: 'host_roles',
  grants: 'host_grants',
  clients: 'host_clients',
} as const;

export interface TenantRow {
  id: string;
  parent_id: string | null;
  kind: Tenant['kind'];
  is_root: boolean | number | null;
  name: string;
  path: string;
  status: Tenant['status'];
  theme: string | null;
  mfa_required: boolean | number;
  created_at: string;
  updated_at: string;
}

export interface UserRow {
  id: string;
  tenant_id: string;
  login: string;
  name: string;
  email: string;
  status: DirectoryUser['status'];
  created_at: string;
  updated_at: string;
}

export interface RoleRow {
  id: string;
  tenant_id: string | null;
  name: string;
  description: string;
  entitlements: string;
  built_in: boolean | number;
  created_at: string;
  updated_at: string;
}

export interface GrantRow {
  id: string;
  tenant_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  role_id: string;
  scope: string | null;
  granted_by: string;
  created_at: string;
}

export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  kind: ApiClient['kind'];
  status: ApiClient['status'];
  created_by: string;
  created_at: string;
  updated_at: string;
}

// SQLite returns booleans as 0/1, PostgreSQL as true/false.
const bool = (value: boolean | number | null) => value === true || value === 1;

export const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  parentId: row.parent_id,
  kind: row.kind,
  name: row.name,
  path: row.path,
  status: row.status,
  theme: row.theme,
  mfaRequired: bool(row.mfa_required),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toUser = (row: UserRow): DirectoryUser => ({
  id: row.id,
  tenantId: row.tenant_id,
  login: row.login,
  name: row.name,
  email: row.email,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toRole = (row: RoleRow): Role => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  description: row.description,
  entitlements: JSON.parse(row.entitlements) as string[],
  builtIn: bool(row.built_in),
});

export const toGrant = (row: GrantRow): Grant => ({
  id: row.id,
  subject: { kind: row.subject_kind, id: row.subject_id },
  tenantId: row.tenant_id,
  roleId: row.role_id,
  scope: scopeFromColumn(row.scope),
  grantedBy: row.granted_by,
  createdAt: row.created_at,
});

export const toClient = (row: ClientRow): ApiClient => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  kind: row.kind,
  status: row.status,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The ids of a tenant path, root first: '/carrier/northwind/acme/' -> carrier, northwind, acme. */
export const idsOnPath = (path: string): string[] => path.split('/').filter(Boolean);
