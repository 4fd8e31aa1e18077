import type { JSONSchemaType } from './schema.js';

/** `themes/<id>/theme.json`: a brand. Themes hold no code. */
export interface ThemeManifest {
  id: string;
  brandName: string;
  productName: string;
  /** Files inside the theme folder. */
  logo: string;
  favicon: string;
  /** CSS custom properties without the leading dashes: `color-primary` -> `--sb-color-primary`. */
  tokens: Record<string, string>;
  support: { email?: string; phone?: string; url?: string };
  /** Host names (no port) this brand serves, such as `portal.example-reseller.net`. */
  hosts: string[];
  /** The tenant that owns the brand; its customers see it wherever they sign in. */
  tenant?: string;
}

const TOKEN_VALUE = '^[^;{}<>\\\\]*$';

export const themeSchema = {
  $id: 'https://switchboard.local/schemas/theme.json',
  title: 'Switchboard theme',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'brandName', 'productName', 'logo', 'favicon', 'tokens', 'support', 'hosts'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 40 },
    brandName: { type: 'string', minLength: 1, maxLength: 60 },
    productName: { type: 'string', minLength: 1, maxLength: 60 },
    logo: { type: 'string', pattern: '^[A-Za-z0-9._-]+\\.(svg|png|webp)$' },
    favicon: { type: 'string', pattern: '^[A-Za-z0-9._-]+\\.(svg|png|ico)$' },
    tokens: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
      additionalProperties: { type: 'string', pattern: TOKEN_VALUE, maxLength: 200 },
    },
    support: {
      type: 'object',
      additionalProperties: false,
      properties: {
        email: { type: 'string', format: 'email' },
        phone: { type: 'string', pattern: '^\\+?[0-9 ().-]{3,30}$' },
        url: { type: 'string', pattern: '^https://' },
      },
    },
    hosts: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9.-]+$' }, uniqueItems: true },
    tenant: { type: 'string', minLength: 1 },
  },
} as const satisfies JSONSchemaType;
