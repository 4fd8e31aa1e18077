import type { JSONSchemaType } from './schema.js';

/** The `switchboard` key of a plugin's package.json. The JSON schema below is the authority. */
export interface PluginManifest {
  /** Lower-case id; also the URL segment (`/api/<id>`) and the table prefix (dashes become underscores). */
  id: string;
  title: string;
  description?: string;
  /** The SDK versions the plugin was built for, as a semver range. */
  sdk: string;
  /** Plugins that must be loaded (and set up) before this one; their contracts are in its context. */
  requires?: string[];
  /** Local entitlement name -> what it allows, in words an administrator reads when granting it. */
  entitlements: Record<string, string>;
  /** JSON schema of the plugin's settings (config `plugins.settings.<id>`); defaults are applied. */
  config?: Record<string, unknown>;
  /** Module exporting the plugin object (default export), relative to the package. */
  server?: string;
  /** ES module of Lit elements for the shell, relative to the package. */
  web?: string;
  /** Folder of knex migrations (compiled .js), relative to the package. */
  migrations?: string;
  /** Shell menu entries; each is shown only to callers holding its entitlement. */
  menu?: MenuEntry[];
  /**
   * The services a tenant can subscribe to from this plugin, as the orders plugin's catalogue
   * offers them. Subscribing to any of them subscribes the tenant to the plugin: the directory's
   * unit of subscription is the plugin.
   */
  services?: ServiceDeclaration[];
}

/** One service of a plugin, as customers see it in the catalogue. */
export interface ServiceDeclaration {
  /** Unique within the plugin: the catalogue names it `<plugin id>:<service id>`. */
  id: string;
  title: string;
  description: string;
  /** Whether customers order it themselves; if not, the carrier or reseller arranges it. */
  orderable: boolean;
  /**
   * What an order of the service counts, when it counts something: `numbers` draws toll-free
   * numbers from the orders plugin's inventory (reserved when ordered, assigned on completion).
   */
  quantities?: ServiceQuantity;
}

export const SERVICE_QUANTITIES = ['numbers'] as const;
export type ServiceQuantity = (typeof SERVICE_QUANTITIES)[number];

/** A service of an installed plugin (running here or in a worker), with the plugin it comes from. */
export interface InstalledService extends ServiceDeclaration {
  plugin: string;
  pluginTitle: string;
}

/** The services of the installed plugins, as the host tells plugins (the orders plugin's catalogue), under Tokens.InstalledServices. */
export interface InstalledServices {
  /** In plugin load order, each plugin's services in manifest order. */
  list(): InstalledService[];
}

export interface MenuEntry {
  label: string;
  /** Shell path under the plugin, '' for its main page: the menu opens `#/<id>/<path>`. */
  path: string;
  /** Local entitlement needed to see the entry. */
  entitlement: string;
  /** Lower comes first; default 100. */
  order?: number;
}

const NAME = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
const ENTITLEMENT = '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$';
const RELATIVE_PATH = '^\\./[^\\0]*$';

export const manifestSchema = {
  $id: 'https://switchboard.local/schemas/plugin-manifest.json',
  title: 'Switchboard plugin manifest',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'sdk', 'entitlements'],
  properties: {
    id: { type: 'string', pattern: NAME, minLength: 2, maxLength: 32, description: 'lower-case letters, digits and single dashes' },
    title: { type: 'string', minLength: 1, maxLength: 80 },
    description: { type: 'string', maxLength: 500 },
    sdk: { type: 'string', minLength: 1, description: 'a semver range, such as ^1.0.0' },
    requires: { type: 'array', items: { type: 'string', pattern: NAME }, uniqueItems: true },
    entitlements: {
      type: 'object',
      propertyNames: { pattern: ENTITLEMENT },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
    },
    config: { type: 'object' },
    server: { type: 'string', pattern: RELATIVE_PATH },
    web: { type: 'string', pattern: RELATIVE_PATH },
    migrations: { type: 'string', pattern: RELATIVE_PATH },
    menu: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'path', 'entitlement'],
        properties: {
          label: { type: 'string', minLength: 1, maxLength: 40 },
          path: { type: 'string', pattern: '^[a-z0-9/-]*$' },
          entitlement: { type: 'string', pattern: ENTITLEMENT },
          order: { type: 'integer' },
        },
      },
    },
    services: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'description', 'orderable'],
        properties: {
          id: { type: 'string', pattern: NAME, minLength: 2, maxLength: 32, description: 'lower-case letters, digits and single dashes' },
          title: { type: 'string', minLength: 1, maxLength: 80 },
          description: { type: 'string', minLength: 1, maxLength: 500 },
          orderable: { type: 'boolean' },
          quantities: { enum: [...SERVICE_QUANTITIES] },
        },
      },
    },
  },
} as const satisfies JSONSchemaType;

/** The table prefix of a plugin: `toll-free` -> `toll_free_`. */
export const tablePrefix = (pluginId: string) => `${pluginId.replace(/-/g, '_')}_`;
