import { badRequest, notFound, type PluginDispatcher } from '@switchboard/sdk';
import type { AuditTrail } from '../audit/audit-trail.js';
import { callerOf } from './caller.js';
import * as input from './input-schemas.js';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

const instant = { type: 'string', format: 'date-time', maxLength: 40 } as const;

const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tenantId: input.tenantId,
    actor: input.recordId,
    plugin: { type: 'string', minLength: 2, maxLength: 32, pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' },
    from: instant,
    to: instant,
    before: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
  },
} as const;

interface AuditQuery {
  tenantId?: string;
  actor?: string;
  plugin?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

const entry = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'at', 'actor', 'tenantId', 'plugin', 'action', 'outcome'],
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actor: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'subject'],
      properties: { kind: { type: 'string' }, subject: { type: 'string' }, name: { type: 'string' } },
    },
    tenantId: { type: 'string' },
    plugin: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    outcome: { type: 'integer' },
    requestId: { type: 'string' },
    details: { type: 'object' },
  },
} as const;

const auditPage = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: { items: { type: 'array', items: entry }, next: { type: ['integer', 'null'] } },
} as const;

/**
 * GET /audit: the audit trail of the caller's tenant and the tenants below it, newest first, for
 * administrators following who changed what. One tenant (`tenantId`, in view or 404 like a missing
 * one), one actor, one plugin and a time range narrow it; `before` pages on.
 */
export function auditRoutes(routes: PluginDispatcher, trail: AuditTrail): void {
  routes.route<Record<string, string>, AuditQuery>({
    method: 'GET',
    path: '/audit',
    access: { entitlement: 'audit.read' },
    schemas: { query: auditQuery, response: auditPage },
    handler: async (request) => {
      const caller = callerOf(request);
      const { tenantId, from, to, ...rest } = request.query;
      if (tenantId !== undefined && !caller.tenants.includes(tenantId)) throw notFound('No such tenant.');
      // Normalised to UTC, as stored, so that an offset in the query compares correctly.
      const range = { ...(from ? { from: new Date(from).toISOString() } : {}), ...(to ? { to: new Date(to).toISOString() } : {}) };
      if (range.from && range.to && range.from >= range.to) throw badRequest('The time range is empty.', [{ field: 'query.to', message: 'must be after from' }]);
      return trail.list({ ...rest, ...range, tenants: tenantId ? [tenantId] : caller.tenants, limit: rest.limit ?? DEFAULT_PAGE });
    },
  });
}
