import { DIRECTIONS, DISPOSITIONS, SERVICES } from '../cdr/call-record.js';
import { GROUP_COLUMNS } from './rollup-sources.js';

// JSON schemas of the plugin's routes. The dispatcher checks input against them before a handler
// runs, and every 2xx answer against its response schema (so a field left out of a schema can
// never leak). Call records themselves are checked by validateCallRecord, which names every
// problem per record; the schemas only hold the envelope.

const TENANT_ID = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 63 } as const;
/** As people and equipment write numbers; the handlers normalise to E.164 and name what is wrong. */
const PHONE_TEXT = { type: 'string', minLength: 1, maxLength: 40 } as const;
/** ISO 8601 with an offset; parsed by the handlers, which say what is wrong in the record's words. */
const INSTANT_TEXT = { type: 'string', minLength: 1, maxLength: 40 } as const;
const nullable = (type: string) => ({ type: [type, 'null'] });

const fieldError = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'message'],
  properties: { field: { type: 'string' }, message: { type: 'string' } },
} as const;

const refusal = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'errors'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    line: { type: 'integer', minimum: 1 },
    code: { enum: ['invalid_record', 'unknown_number'] },
    errors: { type: 'array', items: fieldError },
  },
} as const;

const ingestAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['stored', 'duplicates', 'refused'],
  properties: {
    stored: { type: 'integer', minimum: 0 },
    duplicates: { type: 'integer', minimum: 0 },
    refused: { type: 'array', items: refusal },
    /** FreeSWITCH only: why the document was accepted but not counted as a call (a B-leg). */
    ignored: { type: 'string' },
  },
} as const;

const call = {
  type: 'object',
  additionalProperties: false,
  required: [
    'source', 'sourceId', 'tenantId', 'service', 'direction', 'callingNumber', 'dialedNumber', 'origin', 'startedAt', 'answeredAt', 'endedAt',
    'durationSeconds', 'billableSeconds', 'disposition', 'releaseCause', 'destination', 'routingPlanId', 'routingPlanVersion', 'callCenter', 'trunk',
  ],
  properties: {
    source: { type: 'string' },
    sourceId: { type: 'string' },
    tenantId: { type: 'string' },
    service: { enum: [...SERVICES] },
    direction: { enum: [...DIRECTIONS] },
    callingNumber: nullable('string'),
    dialedNumber: { type: 'string' },
    origin: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['npa', 'state', 'country', 'timeZone'],
          properties: { npa: { type: 'string' }, state: nullable('string'), country: { type: 'string' }, timeZone: nullable('string') },
        },
      ],
    },
    startedAt: { type: 'string' },
    answeredAt: nullable('string'),
    endedAt: { type: 'string' },
    durationSeconds: { type: 'integer' },
    billableSeconds: { type: 'integer' },
    disposition: { enum: [...DISPOSITIONS] },
    releaseCause: nullable('integer'),
    destination: nullable('string'),
    routingPlanId: nullable('string'),
    routingPlanVersion: nullable('integer'),
    callCenter: nullable('string'),
    trunk: nullable('string'),
  },
} as const;

const numberOwner = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'tenantId', 'createdAt', 'updatedAt'],
  properties: { number: { type: 'string' }, tenantId: { type: 'string' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } },
} as const;

const countsAndMeasures = {
  type: 'object',
  additionalProperties: false,
  required: ['attempts', 'answered', 'busy', 'noAnswer', 'failed', 'blocked', 'terminalRejects', 'durationSeconds', 'billableSeconds', 'asr', 'acdSeconds', 'ner'],
  properties: {
    start: { type: 'string' },
    attempts: { type: 'integer' },
    answered: { type: 'integer' },
    busy: { type: 'integer' },
    noAnswer: { type: 'integer' },
    failed: { type: 'integer' },
    blocked: { type: 'integer' },
    terminalRejects: { type: 'integer' },
    durationSeconds: { type: 'integer' },
    billableSeconds: { type: 'integer' },
    asr: nullable('number'),
    acdSeconds: nullable('number'),
    ner: nullable('number'),
  },
} as const;

const summaryBucket = { ...countsAndMeasures, required: ['start', ...countsAndMeasures.required] } as const;

export const schemas = {
  ingestAnswer,
  /** mod_json_cdr adds `?uuid=` to its URL; the operator's URL may carry more, which is ignored. */
  freeswitchQuery: { type: 'object', properties: { uuid: { type: 'string', maxLength: 64 } } },
  /** The switch's clock zone is required: cdr_csv writes local times, and a guessed zone would shift every call. */
  asteriskQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['timeZone'],
    properties: { timeZone: { type: 'string', minLength: 1, maxLength: 64 }, direction: { enum: [...DIRECTIONS] }, service: { enum: [...SERVICES] } },
  },

  numberParams: { type: 'object', required: ['number'], properties: { number: PHONE_TEXT } },
  numberBody: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: TENANT_ID } },
  numberOwner,
  numbersQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { tenantId: TENANT_ID, limit: { type: 'integer', minimum: 1, maximum: 10_000 } },
  },
  numbers: { type: 'object', additionalProperties: false, required: ['numbers'], properties: { numbers: { type: 'array', items: numberOwner } } },

  callsQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { from: INSTANT_TEXT, to: INSTANT_TEXT, limit: { type: 'integer', minimum: 1, maximum: 1000 }, tenantId: TENANT_ID, dialedNumber: PHONE_TEXT },
  },
  calls: { type: 'object', additionalProperties: false, required: ['calls'], properties: { calls: { type: 'array', items: call } } },

  summaryQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      from: INSTANT_TEXT,
      to: INSTANT_TEXT,
      granularity: { enum: ['minute', 'hour', 'day'] },
      tenantId: TENANT_ID,
      dialedNumber: PHONE_TEXT,
      groupBy: { enum: Object.keys(GROUP_COLUMNS) },
    },
  },
  summary: {
    type: 'object',
    additionalProperties: false,
    required: ['granularity', 'from', 'to', 'buckets', 'total'],
    properties: {
      granularity: { enum: ['minute', 'hour', 'day'] },
      from: { type: 'string' },
      to: { type: 'string' },
      buckets: { type: 'array', items: summaryBucket },
      total: countsAndMeasures,
      groups: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'buckets', 'total'],
          properties: { key: { type: 'string' }, buckets: { type: 'array', items: summaryBucket }, total: countsAndMeasures },
        },
      },
      throughCallId: { type: 'integer', minimum: 0 },
    },
  },
};
