import { randomBytes } from 'node:crypto';
import { OPERATOR } from '../directory/index.js';
import type { IdentityStack } from './identity-stack.js';

export interface DemoAccount {
  login: string;
  password: string;
  tenant: string;
  role: string;
}

/** A password a person can type: five groups of four from an unambiguous alphabet (about 100 bits). */
const newPassword = () => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-');
};

/**
 * On an empty installation, a demonstration: the carrier, the reseller Northwind with its own brand,
 * a customer of each, and in each customer an administrator and a read-only analyst. Passwords are
 * made now and returned to be shown once; nothing of them is kept but their hashes.
 */
export async function seedDemoIfEmpty(stack: IdentityStack, options: { plugins: string[]; resellerTheme: string | null }): Promise<DemoAccount[] | null> {
  const { directory, credentials } = stack;
  const tenants = (await stack.db.knex('host_tenants').count({ n: '*' }).first()) as { n: number | string } | undefined;
  if (Number(tenants?.n ?? 0) > 0) return null;
  await directory.ensureCarrier('carrier', 'Switchboard Carrier');
  await directory.createTenant(OPERATOR, { id: 'northwind', parentId: 'carrier', kind: 'reseller', name: 'Northwind Telecom', theme: options.resellerTheme, subscriptions: options.plugins });
  await directory.createTenant(OPERATOR, { id: 'acme', parentId: 'carrier', kind: 'customer', name: 'Acme Logistics', subscriptions: options.plugins });
  await directory.createTenant(OPERATOR, { id: 'globex', parentId: 'northwind', kind: 'customer', name: 'Globex Retail', theme: options.resellerTheme, subscriptions: options.plugins });

  const accounts: DemoAccount[] = [];
  const add = async (tenant: string, login: string, name: string, role: string) => {
    const user = await directory.createUser(OPERATOR, { tenantId: tenant, login, name, email: login });
    await directory.setUserStatus(OPERATOR, user.id, 'active');
    const password = newPassword();
    await credentials.passwords.set(user.id, password);
    await directory.grant(OPERATOR, { subject: { kind: 'user', id: user.id }, roleId: role });
    accounts.push({ login, password, tenant, role });
  };
  await add('carrier', 'admin@carrier.example', 'Carla Carrier', 'administrator');
  await add('northwind', 'admin@northwind.example', 'Nina Northwind', 'administrator');
  await add('acme', 'admin@acme.example', 'Ann Acme', 'administrator');
  await add('acme', 'analyst@acme.example', 'Rae Acme', 'analyst');
  await add('globex', 'admin@globex.example', 'Gus Globex', 'administrator');
  await add('globex', 'analyst@globex.example', 'Gil Globex', 'analyst');
  return accounts;
}
