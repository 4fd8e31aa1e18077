import type { ListOptions, NewUser, PluginDispatcher, UserChanges, UserStatus } from '@switchboard/sdk';
import type { Directory } from '../directory/index.js';
import { callerOf } from './caller.js';
import { created } from './created.js';
import * as input from './input-schemas.js';
import { fieldsOf, inRequestTerms } from './request-fields.js';
import * as out from './response-schemas.js';

const newUser = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'login', 'name', 'email'],
  properties: { tenantId: input.tenantId, login: input.login, name: input.text(200), email: input.email },
} as const;

const userChanges = input.changes({ name: input.text(200), email: input.email });

const userStatus = input.statusBody(['invited', 'active', 'disabled']);

/** People of the caller's tenant and the tenants below it. Credentials are set up elsewhere. */
export function userRoutes(routes: PluginDispatcher, directory: Directory): void {
  routes.route<Record<string, string>, ListOptions>({
    method: 'GET',
    path: '/users',
    access: { entitlement: 'users.read' },
    schemas: { query: input.listQuery, response: out.list(out.user) },
    handler: async (request) => ({
      items: await inRequestTerms({ query: fieldsOf(input.listQuery) }, directory.listUsers(callerOf(request), request.query)),
    }),
  });

  routes.route<{ id: string }>({
    method: 'GET',
    path: '/users/:id',
    access: { entitlement: 'users.read' },
    schemas: { params: input.idParams(), query: input.noQuery, response: out.user },
    handler: (request) => directory.getUser(callerOf(request), request.params.id),
  });

  routes.route<Record<string, string>, Record<string, unknown>, NewUser>({
    method: 'POST',
    path: '/users',
    access: { entitlement: 'users.write' },
    schemas: { query: input.noQuery, body: newUser, response: out.user },
    summary: 'add a user',
    handler: async (request) => {
      const user = await inRequestTerms({ body: fieldsOf(newUser) }, directory.createUser(callerOf(request), request.body));
      return created(`/users/${user.id}`, user);
    },
  });

  routes.route<{ id: string }, Record<string, unknown>, UserChanges>({
    method: 'PATCH',
    path: '/users/:id',
    access: { entitlement: 'users.write' },
    schemas: { params: input.idParams(), query: input.noQuery, body: userChanges, response: out.user },
    summary: 'change a user',
    handler: (request) => inRequestTerms({ body: fieldsOf(userChanges) }, directory.updateUser(callerOf(request), request.params.id, request.body)),
  });

  routes.route<{ id: string }, Record<string, unknown>, { status: UserStatus }>({
    method: 'PUT',
    path: '/users/:id/status',
    access: { entitlement: 'users.write' },
    schemas: { params: input.idParams(), query: input.noQuery, body: userStatus, response: out.user },
    summary: 'enable or disable a user',
    handler: (request) =>
      inRequestTerms({ body: fieldsOf(userStatus) }, directory.setUserStatus(callerOf(request), request.params.id, request.body.status)),
  });
}
