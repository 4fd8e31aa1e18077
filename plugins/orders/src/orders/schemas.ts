import { ORDER_STATUSES } from './life-cycle.js';

// JSON schemas of the orders' routes. Numbers and patterns arrive as people type them; the
// handlers normalise them and say what is wrong in the number's own words.

const SERVICE = { type: 'string', pattern: '^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$', maxLength: 80, description: '<plugin>:<service>, as the catalogue names it' } as const;
const PHONE_TEXT = { type: 'string', minLength: 1, maxLength: 40 } as const;
const NOTE = { type: 'string', maxLength: 1000 } as const;
const nullableString = { type: ['string', 'null'] } as const;
const status = { enum: [...ORDER_STATUSES] } as const;

export const MAX_ITEMS = 20;
export const MAX_NUMBERS_PER_ITEM = 100;

const numberRequest = {
  type: 'object',
  additionalProperties: false,
  properties: {
    quantity: { type: 'integer', minimum: 1, maximum: MAX_NUMBERS_PER_ITEM },
    pattern: { type: 'string', minLength: 1, maxLength: 40 },
    pick: { type: 'array', minItems: 1, maxItems: MAX_NUMBERS_PER_ITEM, items: PHONE_TEXT },
  },
} as const;

const actor = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'subject', 'name'],
  properties: { kind: { type: 'string' }, subject: { type: 'string' }, name: nullableString },
} as const;

const order = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'tenantId', 'status', 'next', 'items', 'note', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    tenantId: { type: 'string' },
    status,
    next: { type: 'array', items: status },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'service', 'plugin', 'reserved', 'disconnect'],
        properties: {
          action: { enum: ['add', 'change', 'remove'] },
          service: { type: 'string' },
          plugin: { type: 'string' },
          reserved: { type: 'array', items: { type: 'string' } },
          disconnect: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    note: nullableString,
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'at', 'by', 'note'],
        properties: { status, at: { type: 'string' }, by: actor, note: nullableString },
      },
    },
  },
} as const;

export const orderSchemas = {
  order,
  orderParams: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^ord_[0-9a-f]{20}$' } } },
  placeBody: {
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_ITEMS,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['action', 'service'],
          properties: {
            action: { enum: ['add', 'change', 'remove'] },
            service: SERVICE,
            numbers: numberRequest,
            removeNumbers: { type: 'array', minItems: 1, maxItems: MAX_NUMBERS_PER_ITEM, items: PHONE_TEXT },
          },
        },
      },
      note: NOTE,
    },
  },
  noteBody: { type: 'object', additionalProperties: false, properties: { note: NOTE } },
  statusBody: {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { enum: ['accepted', 'in_provisioning', 'completed', 'rejected'] }, note: NOTE },
  },
  listQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { status, after: { type: 'string', maxLength: 80 }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
  },
  orderPage: {
    type: 'object',
    additionalProperties: false,
    required: ['orders', 'next'],
    properties: { orders: { type: 'array', items: order }, next: nullableString },
  },
} as const;
