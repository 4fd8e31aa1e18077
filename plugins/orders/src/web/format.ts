import type { OrderItem, OrderStatus, Scope } from './api.js';

/** `+18005550100` as people read it: `1-800-555-0100`. Anything else as it is. */
export function formatNumber(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `1-${match[1]}-${match[2]}-${match[3]}` : e164;
}

const STATUS_WORDS: Record<OrderStatus, string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  in_provisioning: 'In provisioning',
  completed: 'Completed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const statusLabel = (status: OrderStatus): string => STATUS_WORDS[status];

/** What staff press to move an order to a status. */
const STEP_VERBS: Partial<Record<OrderStatus, string>> = {
  accepted: 'Accept',
  in_provisioning: 'Start provisioning',
  completed: 'Complete',
  rejected: 'Reject…',
};

export const stepVerb = (status: OrderStatus): string => STEP_VERBS[status] ?? statusLabel(status);

/** The visual tone of a status: finished well, finished badly, or still going. */
export function statusTone(status: OrderStatus): 'success' | 'danger' | 'muted' | 'info' {
  if (status === 'completed') return 'success';
  if (status === 'rejected') return 'danger';
  if (status === 'cancelled') return 'muted';
  return 'info';
}

/** `ord_5f3a9c…` shortened for people; the full id stays in links and titles. */
export const shortOrderId = (id: string): string => (id.length > 12 ? `${id.slice(0, 10)}…` : id);

/** One order line in words: "Add centres:routing", "3 numbers to add, 1 to remove (freephone:numbers)". */
export function describeItem(item: OrderItem, title: (service: string) => string = (s) => s): string {
  const name = title(item.service);
  const parts: string[] = [];
  if (item.reserved.length) parts.push(`${item.reserved.length} number${item.reserved.length === 1 ? '' : 's'} to add`);
  if (item.disconnect.length) parts.push(`${item.disconnect.length} to remove`);
  if (item.action === 'add') return parts.length ? `Subscribe to ${name}, with ${parts.join(', ')}` : `Subscribe to ${name}`;
  if (item.action === 'remove') return `Drop ${name}`;
  return `${name}: ${parts.join(', ')}`;
}

/** A grant's or entitlement's scope in words. */
export function describeScope(scope: Scope): string {
  if (scope === '*') return 'all resources';
  const shown = scope.slice(0, 3).map(formatNumber).join(', ');
  return scope.length > 3 ? `only ${shown} and ${scope.length - 3} more` : `only ${shown}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatWhen = (iso: string): string => dateTime.format(new Date(iso));
