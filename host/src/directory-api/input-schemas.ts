/**
 * Pieces of the request schemas of the directory's routes. They mirror the directory's own checks
 * so that bad input is refused at the door with every field named at once (`body.login`,
 * `query.descendants`); the directory still checks everything itself, as it must for plugins.
 */

/** Tenant ids: lower-case letters, digits and single dashes (the directory's SLUG). */
export const tenantId = { type: 'string', minLength: 2, maxLength: 63, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;

/** Ids the directory makes (`user_3f9c...`) and the built-in role ids (`network-manager`). */
export const recordId = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' } as const;

/** A theme id, or null to inherit the host name's brand. */
export const theme = { type: ['string', 'null'], minLength: 1, maxLength: 40, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;

/** Non-empty text; the directory also refuses text that is only spaces, after trimming. */
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** As the directory takes it: any case (stored lower-case), surrounding spaces trimmed. */
export const login = { type: 'string', maxLength: 140, pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9._@+-]{2,127}\\s*$' } as const;

export const email = { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;

/** `plugin:name` with `*` wildcards; the directory refines it (no `..`, no trailing dot). */
export const entitlementPattern = { type: 'string', minLength: 3, maxLength: 120, pattern: '^[a-z0-9*][a-z0-9*-]*:[a-z0-9*][a-z0-9*.-]*$' } as const;

/**
 * `"*"` for every resource, or 1 to 1,000 resource ids. `if` keeps the error to one clear line per
 * field; an id of `"*"` inside the list is left to the directory, which says why in words.
 */
export const scope = {
  type: ['string', 'array'],
  if: { type: 'string' },
  then: { enum: ['*'] },
  else: { minItems: 1, maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const subjectKind = { type: 'string', enum: ['user', 'client'] } as const;

export const subject = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id'],
  properties: { kind: subjectKind, id: recordId },
} as const;

/** Path parameters of routes on one record. */
export const idParams = (id: object = recordId) => ({ type: 'object', additionalProperties: false, required: ['id'], properties: { id } }) as const;

/** The tenant to list (default the caller's own) and whether to include the tenants below it (default yes). */
export const listQueryProperties = { tenantId, descendants: { type: 'boolean' } } as const;

export const listQuery = { type: 'object', additionalProperties: false, properties: listQueryProperties } as const;

export const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const;

/** A body of changes: only the named fields, at least one of them. */
export const changes = (properties: Record<string, object>) => ({ type: 'object', additionalProperties: false, minProperties: 1, properties }) as const;

export const statusBody = (statuses: readonly string[]) =>
  ({ type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: statuses } } }) as const;
