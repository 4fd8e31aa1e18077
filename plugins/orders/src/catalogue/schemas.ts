import { SERVICE_QUANTITIES } from '@switchboard/sdk';

const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const entry = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'plugin', 'pluginTitle', 'id', 'title', 'description', 'orderable', 'quantities', 'subscribed', 'available', 'numbers'],
  properties: {
    service: { type: 'string' },
    plugin: { type: 'string' },
    pluginTitle: { type: 'string' },
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    orderable: { type: 'boolean' },
    quantities: nullable({ enum: [...SERVICE_QUANTITIES] }),
    subscribed: { type: 'boolean' },
    available: { type: 'boolean' },
    numbers: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['reserved', 'assigned'],
      properties: { reserved: { type: 'integer', minimum: 0 }, assigned: { type: 'integer', minimum: 0 } },
    }),
  },
} as const;

export const catalogueSchemas = {
  catalogue: {
    type: 'object',
    additionalProperties: false,
    required: ['tenantId', 'services'],
    properties: { tenantId: { type: 'string' }, services: { type: 'array', items: entry } },
  },
} as const;
