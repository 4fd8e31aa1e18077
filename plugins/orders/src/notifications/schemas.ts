/** The answer of GET /notifications: the web contract's ShellNotification, field for field. */
export const notificationSchemas = {
  listQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } },
  },
  list: {
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'at', 'title'],
          properties: { id: { type: 'string' }, at: { type: 'string' }, title: { type: 'string' }, detail: { type: 'string' }, path: { type: 'string' } },
        },
      },
    },
  },
} as const;
