import type { PluginDispatcher } from '@switchboard/sdk';
import { catalogueSchemas as schemas } from './schemas.js';
import type { ServiceCatalogue } from './service-catalogue.js';

/** GET /catalog: the services of the installed plugins, and which of them the caller's tenant has and may order. */
export function registerCatalogueRoutes(dispatcher: PluginDispatcher, catalogue: ServiceCatalogue): void {
  dispatcher.route({
    method: 'GET',
    path: '/catalog',
    access: { entitlement: 'catalog.read' },
    schemas: { response: schemas.catalogue },
    handler: async ({ identity }) => ({ tenantId: identity!.tenantId, services: await catalogue.forCaller(identity!) }),
  });
}
