import { NUMBER_STATES } from './number-row.js';

// JSON schemas of the inventory's routes. The dispatcher checks input against them before a
// handler runs and every 2xx answer against its response schema. Numbers and patterns arrive as
// people type them; the handlers normalise them and say what is wrong in the number's own words.

const E164_TOLL_FREE = '^\\+18(00|33|44|55|66|77|88)[2-9][0-9]{6}$';
const TENANT_ID = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 63 } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;
/** Numbers one request may add to the inventory. */
export const MAX_NEW_NUMBERS = 1000;

const paging = {
  after: { type: 'string', pattern: E164_TOLL_FREE, description: 'the last number of the previous page' },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
} as const;

const inventoryNumber = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'state', 'tenantId', 'orderId', 'since', 'reservedUntil', 'availableAt'],
  properties: {
    number: { type: 'string' },
    state: { enum: [...NUMBER_STATES] },
    tenantId: nullableString,
    orderId: nullableString,
    since: { type: 'string' },
    reservedUntil: nullableString,
    availableAt: nullableString,
  },
} as const;

const numberPage = {
  type: 'object',
  additionalProperties: false,
  required: ['numbers', 'next'],
  properties: { numbers: { type: 'array', items: inventoryNumber }, next: nullableString },
} as const;

export const numberSchemas = {
  numberParams: {
    type: 'object',
    required: ['number'],
    properties: { number: { type: 'string', pattern: E164_TOLL_FREE, description: 'E.164, such as +18005550100' } },
  },
  inventoryNumber,
  numberPage,
  heldQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { state: { enum: ['reserved', 'assigned'] }, tenantId: TENANT_ID, ...paging },
  },
  inventoryQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { state: { enum: [...NUMBER_STATES] }, ...paging },
  },
  spareQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { pattern: { type: 'string', minLength: 1, maxLength: 40 }, ...paging },
  },
  spareAnswer: {
    type: 'object',
    additionalProperties: false,
    required: ['numbers', 'next'],
    properties: { numbers: { type: 'array', items: { type: 'string' } }, next: nullableString },
  },
  addBody: {
    type: 'object',
    additionalProperties: false,
    required: ['numbers'],
    properties: { numbers: { type: 'array', minItems: 1, maxItems: MAX_NEW_NUMBERS, items: { type: 'string', minLength: 1, maxLength: 40 } } },
  },
  addAnswer: {
    type: 'object',
    additionalProperties: false,
    required: ['added', 'existing'],
    properties: { added: { type: 'array', items: { type: 'string' } }, existing: { type: 'array', items: { type: 'string' } } },
  },
} as const;
