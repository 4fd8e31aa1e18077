// JSON schemas of the simulator's control routes (GET /simulator, PATCH /simulator/customers/:tenantId,
// PATCH /simulator/destinations/:destinationId). The dispatcher checks input against them before a
// handler runs, and every 2xx answer against its response schema.

const TENANT_ID = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 63 } as const;
/** As the settings write destination ids. */
const DESTINATION_ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
/** As the settings bound them: a rate of 0 stops the customer's traffic, which the monitor shows as stale. */
const CALLS_PER_MINUTE = { type: 'number', minimum: 0, maximum: 60000 } as const;
/** 0 is allowed here: nobody answering, so every call is busy (a flood without a flood). */
const AGENTS = { type: 'integer', minimum: 0, maximum: 100000 } as const;

const destination = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'callCenter', 'agents', 'handleSeconds', 'up', 'busyAgents'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    callCenter: { type: 'boolean' },
    agents: { type: 'integer', minimum: 0 },
    handleSeconds: { type: 'number' },
    up: { type: 'boolean' },
    busyAgents: { type: 'integer', minimum: 0 },
  },
} as const;

const customer = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'callsPerMinute', 'profileFactor', 'destinations'],
  properties: {
    tenantId: { type: 'string' },
    callsPerMinute: { type: 'number', minimum: 0 },
    profileFactor: { type: 'number', minimum: 0, maximum: 1 },
    destinations: { type: 'array', items: destination },
  },
} as const;

export const controlSchemas = {
  simulator: {
    type: 'object',
    additionalProperties: false,
    required: ['running', 'tickMilliseconds', 'customers'],
    properties: {
      running: { type: 'boolean' },
      tickMilliseconds: { type: 'integer', minimum: 1 },
      customers: { type: 'array', items: customer },
    },
  },
  customerParams: {
    type: 'object',
    additionalProperties: false,
    required: ['tenantId'],
    properties: { tenantId: TENANT_ID },
  },
  customerBody: {
    type: 'object',
    additionalProperties: false,
    required: ['callsPerMinute'],
    properties: { callsPerMinute: CALLS_PER_MINUTE },
  },
  customer,
  destinationParams: {
    type: 'object',
    additionalProperties: false,
    required: ['destinationId'],
    properties: { destinationId: DESTINATION_ID },
  },
  destinationBody: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { up: { type: 'boolean' }, agents: AGENTS },
  },
  /** A destination as GET /simulator lists it, with the customer it belongs to. */
  tenantDestination: {
    ...destination,
    required: [...destination.required, 'tenantId'],
    properties: { ...destination.properties, tenantId: { type: 'string' } },
  },
} as const;
