import type { ClientStatus, ListOptions, NewClient, PluginDispatcher } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import { callerOf } from './caller.js';
import { created } from './created.js';
import * as input from './input-schemas.js';
import { fieldsOf, inRequestTerms } from './request-fields.js';
import * as out from './response-schemas.js';

const newClient = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'name', 'kind'],
  properties: { tenantId: input.tenantId, name: input.text(200), kind: { type: 'string', enum: ['automation', 'network'] } },
} as const;

const clientStatus = input.statusBody(['active', 'disabled']);

/** API clients: their records. Secrets and tokens are issued by the OAuth side, keyed by the client's id. */
export function clientRoutes(routes: PluginDispatcher, directory: Directory): void {
  routes.route<Record<string, string>, ListOptions>({
    method: 'GET',
    path: '/clients',
    access: { entitlement: 'clients.read' },
    schemas: { query: input.listQuery, response: out.list(out.client) },
    handler: async (request) => ({
      items: await inRequestTerms({ query: fieldsOf(input.listQuery) }, directory.listClients(callerOf(request), request.query)),
    }),
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/clients/:id',
    access: { entitlement: 'clients.read' },
    schemas: { params: input.idParams(), query: input.noQuery, response: out.client },
    handler: (request) => directory.getClient(callerOf(request), request.params.id),
  });

  routes.route<Record<string, string>, Record<string, unknown>, NewClient>({
    method: 'POST',
    path: '/clients',
    access: { entitlement: 'clients.write' },
    schemas: { query: input.noQuery, body: newClient, response: out.client },
    summary: 'add an API client',
    handler: async (request) => {
      const client = await inRequestTerms({ body: fieldsOf(newClient) }, directory.createClient(callerOf(request), request.body));
      return created(`/clients/${client.id}`, client);
    },
  });

  routes.route<{ id: string }, Record<string, unknown>, { status: ClientStatus }>({
    method: 'PUT',
    path: '/clients/:id/status',
    access: { entitlement: 'clients.write' },
    schemas: { params: input.idParams(), query: input.noQuery, body: clientStatus, response: out.client },
    summary: 'enable or disable an API client',
    handler: (request) =>
      inRequestTerms({ body: fieldsOf(clientStatus) }, directory.setClientStatus(callerOf(request), request.params.id, request.body.status)),
  });
}
