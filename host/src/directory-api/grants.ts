import { reply, type NewGrant, type PluginDispatcher, type SubjectKind } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import { callerOf } from './caller.js';
import { created } from './created.js';
import * as input from './input-schemas.js';
import { fieldsOf, inRequestTerms } from './request-fields.js';
import * as out from './response-schemas.js';

/** A list of the tenants in view, or of one user's or client's grants: kind and id come together. */
const grantsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...input.listQueryProperties, subjectKind: input.subjectKind, subjectId: input.recordId },
  // Each missing half is named as a missing field (`query.subjectId is required`).
  allOf: [
    { if: { required: ['subjectKind'] }, then: { required: ['subjectId'] } },
    { if: { required: ['subjectId'] }, then: { required: ['subjectKind'] } },
  ],
} as const;

interface GrantsQuery {
  tenantId?: string;
  descendants?: boolean;
  subjectKind?: SubjectKind;
  subjectId?: string;
}

const newGrant = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'roleId'],
  properties: { subject: input.subject, roleId: input.recordId, scope: input.scope },
} as const;

const explainParams = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id'],
  properties: { kind: input.subjectKind, id: input.recordId },
} as const;

/**
 * Grants: roles given to users and API clients, and why a subject may do what it may. Only what
 * the caller holds can be given (403 `grant_exceeds_own`), and never to oneself (403 `own_grants`).
 */
export function grantRoutes(routes: PluginDispatcher, directory: Directory): void {
  routes.route<Record<string, string>, GrantsQuery>({
    method: 'GET',
    path: '/grants',
    // Grants say what people may do; the directory asks `clients.read` besides for a client's.
    access: { entitlement: 'users.read' },
    schemas: { query: grantsQuery, response: out.list(out.grant) },
    handler: async (request) => {
      const { subjectKind, subjectId, ...options } = request.query;
      const subject = subjectKind && subjectId ? { subject: { kind: subjectKind, id: subjectId } } : {};
      const call = directory.listGrants(callerOf(request), { ...options, ...subject });
      return { items: await inRequestTerms({ query: fieldsOf(grantsQuery) }, call) };
    },
  });

  routes.route<Record<string, string>, Record<string, unknown>, NewGrant>({
    method: 'POST',
    path: '/grants',
    access: { entitlement: 'grants.write' },
    schemas: { query: input.noQuery, body: newGrant, response: out.grant },
    summary: 'give a role',
    handler: async (request) => {
      const grant = await inRequestTerms({ body: fieldsOf(newGrant) }, directory.grant(callerOf(request), request.body));
      // The grant's own address; it is read through GET /grants and taken away with DELETE here.
      return created(`/grants/${grant.id}`, grant);
    },
  });

  routes.route<{ id: string }>({
    method: 'DELETE',
    path: '/grants/:id',
    access: { entitlement: 'grants.write' },
    schemas: { params: input.idParams(), query: input.noQuery },
    summary: 'take a role away',
    handler: async (request) => {
      await directory.revoke(callerOf(request), request.params.id);
      return reply(204);
    },
  });

  routes.route<{ kind: SubjectKind; id: string }>({
    method: 'GET',
    path: '/explain/:kind/:id',
    // As for GET /grants: the directory asks `clients.read` besides to explain a client.
    access: { entitlement: 'users.read' },
    schemas: { params: explainParams, query: input.noQuery, response: out.explanation },
    handler: (request) => directory.explain(callerOf(request), { kind: request.params.kind, id: request.params.id }),
  });
}
