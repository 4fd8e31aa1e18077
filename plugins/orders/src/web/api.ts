// The answers of the routes the pages read, as the pages use them (the routes' schemas are the authority).
import type { OrderStatus } from '../events.js';

export type { OrderStatus };

export interface CatalogueEntry {
  service: string;
  plugin: string;
  pluginTitle: string;
  id: string;
  title: string;
  description: string;
  orderable: boolean;
  quantities: 'numbers' | null;
  subscribed: boolean;
  available: boolean;
  numbers: { reserved: number; assigned: number } | null;
}

export interface HeldNumber {
  number: string;
  state: 'reserved' | 'assigned';
  tenantId: string | null;
  orderId: string | null;
  since: string;
  reservedUntil: string | null;
}

export interface OrderItem {
  action: 'add' | 'change' | 'remove';
  service: string;
  plugin: string;
  reserved: string[];
  disconnect: string[];
}

export interface OrderStep {
  status: OrderStatus;
  at: string;
  by: { kind: string; subject: string; name: string | null };
  note: string | null;
}

export interface Order {
  id: string;
  tenantId: string;
  status: OrderStatus;
  next: OrderStatus[];
  items: OrderItem[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
  steps?: OrderStep[];
}

// The directory's answers (/api/host/...).

export type Scope = '*' | string[];

export interface DirectoryUser {
  id: string;
  tenantId: string;
  login: string;
  name: string;
  email: string;
  status: 'invited' | 'active' | 'disabled';
}

export interface Role {
  id: string;
  tenantId: string | null;
  name: string;
  description: string;
  entitlements: string[];
  builtIn: boolean;
}

export interface Grant {
  id: string;
  subject: { kind: 'user' | 'client'; id: string };
  tenantId: string;
  roleId: string;
  scope: Scope;
  grantedBy: string;
  createdAt: string;
}

export interface EntitlementSource {
  grantId: string;
  roleId: string;
  roleName: string;
  pattern: string;
  scope: Scope;
}

export interface Explanation {
  subject: { kind: 'user' | 'client'; id: string };
  tenantId: string;
  active: boolean;
  subscriptions: string[];
  entitlements: { entitlement: string; scope: Scope; sources: EntitlementSource[] }[];
  ineffective: { grantId: string; roleName: string; pattern: string; reason: 'not_subscribed' | 'no_match' }[];
}

export interface Me {
  kind: 'user' | 'client' | 'fixture';
  subject: string;
  name: string | null;
  tenantId: string;
  explanation: Explanation | null;
}

export interface SecondFactor {
  enrolled: boolean;
  since: string | null;
  recoveryCodesLeft: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { kind: string; subject: string; name?: string };
  tenantId: string;
  plugin: string;
  action: string;
  resource?: string;
  outcome: number;
  details?: Record<string, unknown>;
}
