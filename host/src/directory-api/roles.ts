import { reply, type ListOptions, type NewRole, type PluginDispatcher, type RoleChanges } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import { callerOf } from './caller.js';
import { created } from './created.js';
import * as input from './input-schemas.js';
import { fieldsOf, inRequestTerms } from './request-fields.js';
import * as out from './response-schemas.js';

const patterns = { type: 'array', minItems: 1, maxItems: 100, items: input.entitlementPattern } as const;

const newRole = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'name', 'entitlements'],
  properties: { tenantId: input.tenantId, name: input.text(100), description: { type: 'string', maxLength: 500 }, entitlements: patterns },
} as const;

const roleChanges = input.changes({ name: input.text(100), description: { type: 'string', maxLength: 500 }, entitlements: patterns });

/** Roles: the built-in ones every tenant sees, and custom ones of the tenants in view. */
export function roleRoutes(routes: PluginDispatcher, directory: Directory): void {
  routes.route<Record<string, string>, ListOptions>({
    method: 'GET',
    path: '/roles',
    access: { entitlement: 'roles.read' },
    schemas: { query: input.listQuery, response: out.list(out.role) },
    handler: async (request) => ({
      items: await inRequestTerms({ query: fieldsOf(input.listQuery) }, directory.listRoles(callerOf(request), request.query)),
    }),
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/roles/:id',
    access: { entitlement: 'roles.read' },
    schemas: { params: input.idParams(), query: input.noQuery, response: out.role },
    handler: (request) => directory.getRole(callerOf(request), request.params.id),
  });

  routes.route<Record<string, string>, Record<string, unknown>, NewRole>({
    method: 'POST',
    path: '/roles',
    access: { entitlement: 'roles.write' },
    schemas: { query: input.noQuery, body: newRole, response: out.role },
    summary: 'define a role',
    handler: async (request) => {
      const role = await inRequestTerms({ body: fieldsOf(newRole) }, directory.createRole(callerOf(request), request.body));
      return created(`/roles/${role.id}`, role);
    },
  });

  routes.route<{ id: string }, Record<string, unknown>, RoleChanges>({
    method: 'PATCH',
    path: '/roles/:id',
    access: { entitlement: 'roles.write' },
    schemas: { params: input.idParams(), query: input.noQuery, body: roleChanges, response: out.role },
    summary: 'change a role',
    handler: (request) => inRequestTerms({ body: fieldsOf(roleChanges) }, directory.updateRole(callerOf(request), request.params.id, request.body)),
  });

  routes.route<{ id: string }>({
    method: 'DELETE',
    path: '/roles/:id',
    access: { entitlement: 'roles.write' },
    schemas: { params: input.idParams(), query: input.noQuery },
    summary: 'remove a role',
    handler: async (request) => {
      await directory.deleteRole(callerOf(request), request.params.id);
      return reply(204);
    },
  });
}
