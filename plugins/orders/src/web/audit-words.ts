import type { AuditEntry } from './api.js';

/**
 * An audit entry's action in words. The dispatcher records each request by route, with the route's
 * summary ("move an order on in fulfilment") when it has one, in the caller's account; the directory
 * and plugins record the change itself (`directory.grant.create`, `order.accepted`) with details, in
 * the account changed. So one act can show twice: a staff member's step on an order is a request
 * in the carrier's account and a step in the customer's, and the Account column tells them apart.
 */
export function describeAction(entry: Pick<AuditEntry, 'action' | 'details'>): string {
  const details = entry.details ?? {};
  if (typeof details.summary === 'string') return capital(details.summary);
  const order = /^order\.(\w+)$/.exec(entry.action);
  if (order) return `Order ${order[1]!.replace('_', ' ')}${typeof details.from === 'string' ? ` (was ${details.from.replace('_', ' ')})` : ''}`;
  const change = DIRECTORY_CHANGES[entry.action];
  if (change) return `${change}${statusChange(details)}`;
  return entry.action;
}

/** What the directory records of its own changes, in the tenant changed. */
const DIRECTORY_CHANGES: Record<string, string> = {
  'directory.tenant.create': 'Account created',
  'directory.tenant.update': 'Account changed',
  'directory.subscriptions.set': 'Services changed',
  'directory.user.create': 'User added',
  'directory.user.update': 'User changed',
  'directory.user.status': 'User status changed',
  'directory.role.create': 'Role defined',
  'directory.role.update': 'Role changed',
  'directory.role.delete': 'Role removed',
  'directory.grant.create': 'Role given',
  'directory.grant.revoke': 'Role taken away',
  'directory.client.create': 'API client added',
  'directory.client.status': 'API client status changed',
};

/** ` (active → disabled)` when the details say from what to what. */
function statusChange(details: Record<string, unknown>): string {
  return typeof details.from === 'string' && typeof details.to === 'string' ? ` (${details.from} → ${details.to})` : '';
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The start of a local calendar day (`2026-03-02` from a date field) as an instant, for the audit trail's from/to. */
export function localDayStart(day: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).toISOString();
}
