import { unauthenticated, type Directory as DirectoryContract, type Identity } from '@switchboard/sdk';
import { OPERATOR } from './actor.js';

const METHODS = [
  'getTenant', 'listTenants', 'createTenant', 'updateTenant', 'getSubscriptions', 'setSubscriptions', 'getOfferedServices',
  'getUser', 'listUsers', 'createUser', 'updateUser', 'setUserStatus',
  'listRoles', 'getRole', 'createRole', 'updateRole', 'deleteRole',
  'listGrants', 'grant', 'revoke', 'explain',
  'getClient', 'listClients', 'createClient', 'setClientStatus',
] as const satisfies readonly (keyof DirectoryContract)[];

/** Methods without a caller, each passed through by its own rule below. */
type Uncalled = 'identityForClient';

// Fails to compile when the contract gains a method this list does not pass through.
const everyMethod: Exclude<keyof DirectoryContract, (typeof METHODS)[number] | Uncalled> extends never ? true : never = true;
void everyMethod;

const isIdentity = (actor: unknown): actor is Identity =>
  typeof actor === 'object' &&
  actor !== null &&
  typeof (actor as Identity).subject === 'string' &&
  typeof (actor as Identity).tenantId === 'string' &&
  Array.isArray((actor as Identity).tenants) &&
  typeof (actor as Identity).grants === 'object';

/**
 * The directory as plugins get it: the contract's methods and nothing else, each insisting on a
 * caller's Identity. The host's class also accepts the command line's trusted operator; a plugin
 * must never be able to pass that.
 */
export function pluginView(directory: DirectoryContract): DirectoryContract {
  const view: Record<string, unknown> = {};
  for (const method of METHODS) {
    view[method] = async (actor: unknown, ...rest: unknown[]) => {
      if (!isIdentity(actor)) throw unauthenticated('A directory change needs the identity of the caller.');
      return (directory[method] as (...args: unknown[]) => Promise<unknown>).call(directory, actor, ...rest);
    };
  }
  // Only a network client's: what a plugin does on a client's behalf is reading what equipment
  // sends, and an identity with a customer automation's grants would let a plugin act beyond that.
  view.identityForClient = async (clientId: string) => {
    const client = await (directory.getClient as (actor: unknown, id: string) => ReturnType<DirectoryContract['getClient']>)(OPERATOR, clientId).catch(() => null);
    return client?.kind === 'network' ? directory.identityForClient(clientId) : null;
  };
  return Object.freeze(view) as unknown as DirectoryContract;
}
