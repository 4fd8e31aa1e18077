/**
 * What the directory's routes answer, field for field as the SDK's Directory types have them. The
 * dispatcher checks every answer against these and fails closed, so a field added to a record
 * later never leaks through this API unannounced: it has to be added here too.
 */

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const scope = { anyOf: [{ type: 'string', enum: ['*'] }, { type: 'array', items: string }] } as const;

const record = (properties: Record<string, object>) =>
  ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties }) as const;

export const tenant = record({
  id: string,
  parentId: nullableString,
  kind: { type: 'string', enum: ['carrier', 'reseller', 'customer'] },
  name: string,
  path: string,
  status: { type: 'string', enum: ['active', 'disabled'] },
  theme: nullableString,
  mfaRequired: { type: 'boolean' },
  createdAt: string,
  updatedAt: string,
});

export const subscriptions = record({ plugins: { type: 'array', items: string } });

export const user = record({
  id: string,
  tenantId: string,
  login: string,
  name: string,
  email: string,
  status: { type: 'string', enum: ['invited', 'active', 'disabled'] },
  createdAt: string,
  updatedAt: string,
});

export const role = record({
  id: string,
  tenantId: nullableString,
  name: string,
  description: string,
  entitlements: { type: 'array', items: string },
  builtIn: { type: 'boolean' },
});

const subjectRef = record({ kind: { type: 'string', enum: ['user', 'client'] }, id: string });

export const grant = record({
  id: string,
  subject: subjectRef,
  tenantId: string,
  roleId: string,
  scope,
  grantedBy: string,
  createdAt: string,
});

export const client = record({
  id: string,
  tenantId: string,
  name: string,
  kind: { type: 'string', enum: ['automation', 'network'] },
  status: { type: 'string', enum: ['active', 'disabled'] },
  createdBy: string,
  createdAt: string,
  updatedAt: string,
});

const source = { grantId: string, roleId: string, roleName: string, pattern: string };

export const explanation = record({
  subject: subjectRef,
  tenantId: string,
  active: { type: 'boolean' },
  subscriptions: { type: 'array', items: string },
  entitlements: { type: 'array', items: record({ entitlement: string, scope, sources: { type: 'array', items: record({ ...source, scope }) } }) },
  ineffective: { type: 'array', items: record({ ...source, reason: { type: 'string', enum: ['not_subscribed', 'no_match'] } }) },
});

/** Lists answer `{ items: [...] }`, leaving room for paging fields beside it. */
export const list = (item: object) => record({ items: { type: 'array', items: item } });

const orNull = (schema: object) => ({ anyOf: [schema, { type: 'null' }] }) as const;

/** The caller's own summary: who they are, their tenant and record, and where each entitlement comes from. */
export const me = record({
  kind: { type: 'string', enum: ['user', 'client', 'fixture'] },
  subject: string,
  name: nullableString,
  tenantId: string,
  tenant: orNull(tenant),
  user: orNull(user),
  client: orNull(client),
  explanation: orNull(explanation),
});
