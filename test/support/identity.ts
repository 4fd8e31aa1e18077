import assert from 'node:assert/strict';
import type { Identity, ResourceScope } from '@switchboard/sdk';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import type { RunningHost } from '@switchboard/host';
import { formOf, WebClient } from './web-client.js';

export const PASSWORD = 'correct horse battery staple';

export interface SeededUser {
  id: string;
  login: string;
  password: string;
}

/** A customer tenant under the carrier (made once), subscribed to the given plugins. */
export async function seedTenant(host: RunningHost, id: string, options: { plugins?: string[]; mfaRequired?: boolean; parentId?: string; kind?: 'customer' | 'reseller' } = {}) {
  const { directory } = host.identity;
  await directory.ensureCarrier('carrier', 'Switchboard Carrier');
  return directory.createTenant(OPERATOR, {
    id,
    parentId: options.parentId ?? 'carrier',
    kind: options.kind ?? 'customer',
    name: `${id[0]!.toUpperCase()}${id.slice(1)} Inc.`,
    mfaRequired: options.mfaRequired ?? false,
    subscriptions: options.plugins ?? ['notes'],
  });
}

/** An active user with a password and the given role (scoped or not). */
export async function seedUser(host: RunningHost, tenantId: string, login: string, roleId = 'administrator', scope: ResourceScope = '*'): Promise<SeededUser> {
  const { directory, credentials } = host.identity;
  const user = await directory.createUser(OPERATOR, { tenantId, login, name: login.split('@')[0]!.replace(/\./g, ' '), email: login });
  await directory.setUserStatus(OPERATOR, user.id, 'active');
  await credentials.passwords.set(user.id, PASSWORD);
  await directory.grant(OPERATOR, { subject: { kind: 'user', id: user.id }, roleId, scope });
  return { id: user.id, login: user.login, password: PASSWORD };
}

export async function identityOf(host: RunningHost, userId: string): Promise<Identity> {
  const identity = await host.identity.directory.identityForUser(userId);
  assert.ok(identity);
  return identity;
}

/**
 * Signs in through the real pages: /auth/login, the provider, the password form, the second step
 * when there is one (`code` gives the code to type), back to /auth/callback. Returns the last page.
 */
export async function signIn(client: WebClient, login: string, password: string, code?: () => Promise<string> | string) {
  const loginPage = await client.follow('/auth/login');
  assert.equal(loginPage.status, 200, loginPage.text.slice(0, 500));
  // Still signed in at the provider: it answers at once (single sign-on), no page to fill in.
  if (loginPage.path === '/') return loginPage;
  let page = await client.submit(formOf(loginPage.text).action, { login, password });
  if (page.status === 200 && page.text.includes('name="code"') && code) {
    const form = formOf(page.text);
    page = await client.submit(form.action, { ...form.hidden, code: await code() });
  }
  return page;
}

export const webClient = (host: RunningHost, origin = host.url) => new WebClient(origin, host.tls.cert);
