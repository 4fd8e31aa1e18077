// The shapes the what-if route takes and answers, for the dispatcher's ajv.

const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
const whole = { type: 'integer', minimum: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;
const instant = { type: 'string', format: 'date-time', maxLength: 40 } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const concurrency = {
  type: 'object',
  additionalProperties: false,
  required: ['peak', 'peakAt', 'callsOverCapacity', 'overCapacity', 'overCapacityStretches'],
  properties: {
    peak: count,
    peakAt: nullable(instant),
    callsOverCapacity: count,
    overCapacity: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['from', 'to', 'peak'], properties: { from: instant, to: instant, peak: count } },
    },
    overCapacityStretches: count,
  },
};

export const whatIfSchemas = {
  params: { type: 'object', required: ['planId'], properties: { planId: uuid } },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { days: { type: 'integer', minimum: 1, maximum: 30 }, version: whole },
  },
  response: {
    type: 'object',
    additionalProperties: false,
    required: ['planId', 'version', 'state', 'numbers', 'days', 'from', 'to', 'calls', 'changed', 'truncated', 'limit', 'replayedTo', 'destinations', 'callCenters'],
    properties: {
      planId: uuid,
      version: whole,
      state: { enum: ['draft', 'scheduled', 'active', 'superseded'] },
      numbers: { type: 'array', items: { type: 'string' } },
      days: whole,
      from: instant,
      to: instant,
      calls: count,
      changed: count,
      truncated: { type: 'boolean' },
      limit: whole,
      replayedTo: nullable(instant),
      destinations: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'kind', 'label', 'actual', 'draft'],
          properties: {
            key: { type: 'string' },
            kind: { enum: ['call-center', 'number', 'sip', 'block', 'other', 'none'] },
            label: { type: 'string' },
            callCenterId: { type: 'string' },
            actual: count,
            draft: count,
          },
        },
      },
      callCenters: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['callCenterId', 'label', 'agents', 'actual', 'draft', 'exceeded'],
          properties: { callCenterId: { type: 'string' }, label: { type: 'string' }, agents: nullable(count), actual: concurrency, draft: concurrency, exceeded: { type: 'boolean' } },
        },
      },
    },
  },
};
