import type { NewTenant, PluginDispatcher, TenantChanges } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import { callerOf } from './caller.js';
import { created } from './created.js';
import * as input from './input-schemas.js';
import { fieldsOf, inRequestTerms } from './request-fields.js';
import * as out from './response-schemas.js';

const tenantParams = input.idParams(input.tenantId);

const newTenant = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'parentId', 'kind', 'name'],
  properties: {
    id: input.tenantId,
    parentId: input.tenantId,
    kind: { type: 'string', enum: ['reseller', 'customer'] },
    name: input.text(200),
    theme: input.theme,
    mfaRequired: { type: 'boolean' },
    subscriptions: { type: 'array', maxItems: 200, items: input.tenantId },
  },
} as const;

const tenantChanges = input.changes({
  name: input.text(200),
  theme: input.theme,
  mfaRequired: { type: 'boolean' },
  status: { type: 'string', enum: ['active', 'disabled'] },
});

const subscriptionsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['plugins'],
  properties: { plugins: { type: 'array', maxItems: 200, items: input.tenantId } },
} as const;

/** The tenant tree: the caller's tenant and what lies below it. */
export function tenantRoutes(routes: PluginDispatcher, directory: Directory): void {
  routes.route({
    method: 'GET',
    path: '/tenants',
    access: { entitlement: 'tenants.read' },
    schemas: { query: input.noQuery, response: out.list(out.tenant) },
    handler: async (request) => ({ items: await directory.listTenants(callerOf(request)) }),
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/tenants/:id',
    access: { entitlement: 'tenants.read' },
    schemas: { params: tenantParams, query: input.noQuery, response: out.tenant },
    handler: (request) => directory.getTenant(callerOf(request), request.params.id),
  });

  routes.route<Record<string, string>, Record<string, unknown>, NewTenant>({
    method: 'POST',
    path: '/tenants',
    access: { entitlement: 'tenants.write' },
    schemas: { query: input.noQuery, body: newTenant, response: out.tenant },
    summary: 'create a tenant',
    handler: async (request) => {
      const tenant = await inRequestTerms({ body: fieldsOf(newTenant) }, directory.createTenant(callerOf(request), request.body));
      return created(`/tenants/${tenant.id}`, tenant);
    },
  });

  routes.route<{ id: string }, Record<string, unknown>, TenantChanges>({
    method: 'PATCH',
    path: '/tenants/:id',
    access: { entitlement: 'tenants.write' },
    schemas: { params: tenantParams, query: input.noQuery, body: tenantChanges, response: out.tenant },
    summary: 'change a tenant',
    handler: (request) =>
      inRequestTerms({ body: fieldsOf(tenantChanges) }, directory.updateTenant(callerOf(request), request.params.id, request.body)),
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/tenants/:id/subscriptions',
    access: { entitlement: 'tenants.read' },
    schemas: { params: tenantParams, query: input.noQuery, response: out.subscriptions },
    handler: async (request) => ({ plugins: await directory.getSubscriptions(callerOf(request), request.params.id) }),
  });

  routes.route<{ id: string }, Record<string, unknown>, { plugins: string[] }>({
    method: 'PUT',
    path: '/tenants/:id/subscriptions',
    access: { entitlement: 'tenants.write' },
    schemas: { params: tenantParams, query: input.noQuery, body: subscriptionsBody, response: out.subscriptions },
    summary: 'set the services of a tenant',
    handler: async (request) => {
      const call = directory.setSubscriptions(callerOf(request), request.params.id, request.body.plugins);
      return { plugins: await inRequestTerms({ body: fieldsOf(subscriptionsBody), params: { tenantId: 'id' } }, call) };
    },
  });
}
