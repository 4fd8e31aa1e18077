import type { JSONSchemaType } from '@switchboard/sdk';
import { MAX_PLAN_DEPTH } from '../../plan/limits.js';
import { DESTINATION_SCHEMA, nestedPlanSchema } from '../../plan/plan-schema.js';

// The shapes the toll-free routes take and answer, for the dispatcher's ajv.

/** Decisions a body's plan may nest before the schema refuses it: a few past the limit, so validation can name the node that is too deep. */
const SCHEMA_DEPTH = MAX_PLAN_DEPTH + 5;
const nested = nestedPlanSchema(SCHEMA_DEPTH);

const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
const e164 = { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' } as const;
const whole = { type: 'integer', minimum: 1 } as const;
const numbers = { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: e164 } as const;
const instant = { type: 'string', format: 'date-time', maxLength: 40 } as const;
const nullable = (schema: JSONSchemaType) => ({ anyOf: [schema, { type: 'null' }] });

/** A body with a plan in it: the plan's levels at the body's root, where `#/$defs/...` resolves. */
const withPlan = (properties: Record<string, JSONSchemaType>, required: string[]): JSONSchemaType => ({
  type: 'object',
  additionalProperties: false,
  required: [...required, 'plan'],
  properties: { ...properties, plan: nested.plan },
  $defs: nested.$defs,
});

const problem = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'severity', 'path', 'where', 'nodeId', 'message'],
  properties: { code: { type: 'string' }, severity: { enum: ['error', 'warning'] }, path: { type: 'string' }, where: { type: 'string' }, nodeId: { type: 'string' }, message: { type: 'string' } },
};
const problems = { type: 'array', items: problem };

const storedPlan = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'tenantId', 'name', 'revision', 'numbers', 'createdAt', 'updatedAt'],
  properties: { id: uuid, tenantId: { type: 'string' }, name: { type: 'string' }, revision: whole, numbers: { type: 'array', items: e164 }, createdAt: instant, updatedAt: instant },
};
const planSummary = {
  ...storedPlan,
  required: [...storedPlan.required, 'activeVersion', 'draftVersion', 'scheduled'],
  properties: {
    ...storedPlan.properties,
    activeVersion: nullable(whole),
    draftVersion: nullable(whole),
    scheduled: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['version', 'effectiveAt'], properties: { version: whole, effectiveAt: instant } } },
  },
};
const version = {
  type: 'object',
  additionalProperties: false,
  required: ['planId', 'version', 'state', 'plan', 'effectiveAt', 'createdBy', 'createdAt', 'activatedAt', 'supersededAt'],
  properties: {
    planId: uuid,
    version: whole,
    state: { enum: ['draft', 'scheduled', 'active', 'superseded'] },
    // The tree as it was saved: its shape was checked on the way in.
    plan: { type: 'object' },
    effectiveAt: nullable(instant),
    createdBy: { type: 'string' },
    createdAt: instant,
    activatedAt: nullable(instant),
    supersededAt: nullable(instant),
    problems,
  },
};
const planAndVersion = { type: 'object', additionalProperties: false, required: ['plan', 'version'], properties: { plan: storedPlan, version, problems } };

const reroute = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'tenantId', 'numbers', 'destination', 'reason', 'createdBy', 'createdAt', 'expiresAt', 'endedAt', 'endedBy'],
  properties: {
    id: uuid,
    tenantId: { type: 'string' },
    numbers: { type: 'array', items: e164 },
    destination: { type: 'object' },
    reason: nullable({ type: 'string' }),
    createdBy: { type: 'string' },
    createdAt: instant,
    expiresAt: instant,
    endedAt: nullable(instant),
    endedBy: nullable({ type: 'string' }),
  },
};

export const planSchemas = {
  planParams: { type: 'object', required: ['planId'], properties: { planId: uuid } },
  createBody: withPlan({ name: { type: 'string', minLength: 1, maxLength: 100 }, numbers }, ['name', 'numbers']),
  draftBody: withPlan({ revision: whole }, ['revision']),
  validateBody: withPlan({}, []),
  activateBody: {
    type: 'object',
    additionalProperties: false,
    required: ['revision', 'version'],
    properties: {
      revision: whole,
      version: whole,
      /** Wall-clock time in `timeZone`; absent: now. */
      effectiveAt: { type: 'string', maxLength: 20 },
      timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    },
    dependentRequired: { effectiveAt: ['timeZone'], timeZone: ['effectiveAt'] },
  },
  rollbackBody: { type: 'object', additionalProperties: false, required: ['revision', 'toVersion'], properties: { revision: whole, toVersion: whole } },
  diffQuery: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: whole, to: whole } },
  plans: { type: 'object', additionalProperties: false, required: ['plans'], properties: { plans: { type: 'array', items: planSummary } } },
  planWithVersions: { type: 'object', additionalProperties: false, required: ['plan', 'versions'], properties: { plan: storedPlan, versions: { type: 'array', items: version } } },
  planAndVersion,
  problems: { type: 'object', additionalProperties: false, required: ['problems'], properties: { problems } },
  diff: {
    type: 'object',
    additionalProperties: false,
    required: ['from', 'to', 'changes'],
    properties: {
      from: whole,
      to: whole,
      changes: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'nodeId', 'path', 'where', 'message'],
          properties: { kind: { type: 'string' }, nodeId: { type: 'string' }, path: { type: 'string' }, where: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  },
  numbers: {
    type: 'object',
    additionalProperties: false,
    required: ['numbers'],
    properties: {
      numbers: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['number', 'tenantId', 'plan', 'reroute'],
          properties: {
            number: e164,
            tenantId: { type: 'string' },
            plan: nullable({ type: 'object', additionalProperties: false, required: ['id', 'name', 'activeVersion'], properties: { id: uuid, name: { type: 'string' }, activeVersion: nullable(whole) } }),
            reroute: nullable({ type: 'object', additionalProperties: false, required: ['id', 'destination', 'expiresAt'], properties: { id: uuid, destination: { type: 'object' }, expiresAt: instant } }),
          },
        },
      },
    },
  },
};

export const rerouteSchemas = {
  rerouteParams: { type: 'object', required: ['rerouteId'], properties: { rerouteId: uuid } },
  createBody: {
    type: 'object',
    additionalProperties: false,
    required: ['numbers', 'destination', 'expiresAt'],
    properties: { numbers, destination: DESTINATION_SCHEMA, expiresAt: instant, reason: { type: 'string', maxLength: 200 } },
  },
  reroute,
  reroutes: { type: 'object', additionalProperties: false, required: ['reroutes'], properties: { reroutes: { type: 'array', items: reroute } } },
};

const pathStep = { type: 'object', additionalProperties: false, required: ['nodeId', 'branch'], properties: { nodeId: { type: 'string' }, branch: { anyOf: [{ type: 'integer', minimum: 0 }, { const: 'other' }] } } };
const planRef = nullable({ type: 'object', additionalProperties: false, required: ['id', 'version'], properties: { id: uuid, version: whole } });
const rerouteRef = nullable({ type: 'object', additionalProperties: false, required: ['id', 'expiresAt'], properties: { id: uuid, expiresAt: instant } });

/** The answer as Switchboard gives it. */
const routeAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'destination', 'plan', 'path', 'reroute'],
  properties: { action: { type: 'object', required: ['id', 'type'] }, destination: nullable({ type: 'object' }), plan: planRef, path: { type: 'array', items: pathStep }, reroute: rerouteRef },
};

/** The answer as Kamailio's rtjson module reads it (version, routing, routes), with the decision alongside for the proxy's own script. */
const rtjsonAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'routing', 'routes', 'action', 'plan', 'reroute'],
  properties: {
    version: { const: '1.0' },
    routing: { const: 'serial' },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['uri'],
        properties: { uri: { type: 'string' }, headers: { type: 'object', additionalProperties: false, properties: { extra: { type: 'string' } } } },
      },
    },
    action: { enum: ['route', 'announce', 'block'] },
    announcement: { type: 'string' },
    plan: planRef,
    reroute: rerouteRef,
  },
};

export const routeQuerySchemas = {
  query: { type: 'object', additionalProperties: false, properties: { format: { enum: ['json', 'rtjson'] } } },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['dialedNumber', 'callId'],
    properties: {
      dialedNumber: { type: 'string', minLength: 1, maxLength: 32 },
      callingNumber: { type: ['string', 'null'], maxLength: 32 },
      time: instant,
      callId: { type: 'string', minLength: 1, maxLength: 256 },
      originLata: { type: ['string', 'null'], pattern: '^[0-9]{3}$' },
    },
  },
  response: { anyOf: [routeAnswer, rtjsonAnswer] },
};
