/** One change, as the audit trail keeps it: who, when, where, what, and how it ended. */
export interface AuditInput {
  actor: { kind: string; subject: string; name?: string };
  /** The tenant whose data changed (the caller's tenant unless the handler says otherwise). */
  tenantId: string;
  plugin: string;
  /** `POST /api/notes/notes` or a plugin's own verb such as `plan.activate`. */
  action: string;
  /** The resource acted on, when there is one. */
  resource?: string;
  /** HTTP status of the answer (or 0 for actions outside a request). */
  outcome: number;
  requestId?: string;
  /** What changed, small and free of secrets. */
  details?: Record<string, unknown>;
}

export interface AuditRecord extends AuditInput {
  seq: number;
  at: string;
  /** sha256 of the previous record's hash and this record's content. */
  hash: string;
  prevHash: string;
}

/** Append-only: there is no update and no delete. */
export interface AuditLog {
  append(entry: AuditInput): Promise<AuditRecord>;
}
