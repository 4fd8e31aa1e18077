import type { AuditLog, Identity } from '@switchboard/sdk';

/**
 * The plugin's own audit entry for a change to routing, beside the dispatcher's entry for the
 * request: the dispatcher records who called which route; this says what it did to routing (which
 * plan and version, which numbers, when it takes effect), under the customer whose routing it is.
 */
export function auditChange(
  audit: AuditLog,
  request: { identity: Identity | null; requestId: string },
  entry: { action: string; tenantId: string; resource: string; outcome: number; details: Record<string, unknown> },
): Promise<unknown> {
  const identity = request.identity!;
  return audit.append({
    actor: { kind: identity.kind, subject: identity.subject, ...(identity.name ? { name: identity.name } : {}) },
    plugin: 'toll-free',
    requestId: request.requestId,
    ...entry,
  });
}
