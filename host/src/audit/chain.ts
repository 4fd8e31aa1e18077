import { createHash } from 'node:crypto';
import type { AuditInput, AuditRecord } from '@switchboard/sdk';
import { canonicalJson } from './canonical-json.js';

/** The hash the first record points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of a record its hash covers: everything but the hash itself. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { prevHash, ...content } = record;
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface AuditRow {
  seq: number | string;
  at: string;
  actor_kind: string;
  actor_subject: string;
  actor_name: string | null;
  tenant_id: string;
  plugin: string;
  action: string;
  resource: string | null;
  outcome: number;
  request_id: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export function toRow(record: AuditRecord): AuditRow {
  return {
    seq: record.seq,
    at: record.at,
    actor_kind: record.actor.kind,
    actor_subject: record.actor.subject,
    actor_name: record.actor.name ?? null,
    tenant_id: record.tenantId,
    plugin: record.plugin,
    action: record.action,
    resource: record.resource ?? null,
    outcome: record.outcome,
    request_id: record.requestId ?? null,
    details: record.details === undefined ? null : canonicalJson(record.details),
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}

export function fromRow(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { kind: row.actor_kind, subject: row.actor_subject, ...(row.actor_name !== null ? { name: row.actor_name } : {}) },
    tenantId: row.tenant_id,
    plugin: row.plugin,
    action: row.action,
    ...(row.resource !== null ? { resource: row.resource } : {}),
    outcome: Number(row.outcome),
    ...(row.request_id !== null ? { requestId: row.request_id } : {}),
    ...(row.details !== null ? { details: JSON.parse(row.details) as Record<string, unknown> } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export const recordFrom = (input: AuditInput, seq: number, at: string, prevHash: string): AuditRecord => {
  const record = { ...input, seq, at, prevHash };
  return { ...record, hash: hashRecord(record) };
};
