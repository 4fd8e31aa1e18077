import type { PluginDispatcher } from '@switchboard/sdk';
import type { Customers } from '../customers.js';

const target = (extra: Record<string, object> = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, ...extra },
});

const customersAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['customers'],
  properties: {
    customers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tenantId', 'timeZone', 'callCenters', 'announcements'],
        properties: {
          tenantId: { type: 'string' },
          timeZone: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          callCenters: { type: 'array', items: target({ agents: { anyOf: [{ type: 'integer' }, { type: 'null' }] } }) },
          announcements: { type: 'array', items: target() },
        },
      },
    },
  },
};

/**
 * What the carrier says each of the caller's customers has for its plans to name: call centers
 * (with their agents) and announcements, and the customer's time zone. The editor offers these as
 * destinations; a plan naming anything else of the kind is refused as not the customer's own.
 */
export function registerCustomerRoutes(dispatcher: PluginDispatcher, customers: Customers): void {
  dispatcher.route({
    method: 'GET',
    path: '/customers',
    access: { entitlement: 'plans.read' },
    schemas: { response: customersAnswer },
    handler: ({ identity }) => ({
      customers: [...new Set(identity!.tenants)].flatMap((tenantId) => {
        const setting = customers.settingOf(tenantId);
        if (!setting) return [];
        return [
          {
            tenantId,
            timeZone: setting.timeZone ?? null,
            callCenters: setting.callCenters.map((center) => ({ id: center.id, name: center.name ?? center.id, agents: center.agents ?? null })),
            announcements: setting.announcements.map((announcement) => ({ id: announcement.id, name: announcement.name ?? announcement.id })),
          },
        ];
      }),
    }),
  });
}
