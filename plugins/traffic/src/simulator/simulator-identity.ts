import type { Identity } from '@switchboard/sdk';

/** The simulator's subject in logs and in the ingest's view of who sent the records. */
export const SIMULATOR_SUBJECT = 'simulator';

/**
 * The simulator as the network element it stands in for: a client that may send CDRs for exactly
 * the simulated customers' tenants, so the ingest attributes its calls as it would a switch's and
 * refuses any number those tenants do not own.
 */
export function simulatorSender(tenantIds: readonly string[]): Identity {
  return {
    kind: 'client',
    subject: SIMULATOR_SUBJECT,
    name: 'Embedded network simulator',
    tenantId: tenantIds[0] ?? '',
    tenants: [...tenantIds],
    grants: { 'traffic:network.cdrs.write': '*' },
  };
}

/**
 * An identity inside one tenant and holding nothing: the directory answers anyone about their own
 * tenant, so this tells whether the tenant exists without any right over the tenant tree.
 */
export function tenantProbe(tenantId: string): Identity {
  return { kind: 'client', subject: SIMULATOR_SUBJECT, name: 'Embedded network simulator', tenantId, tenants: [tenantId], grants: {} };
}
