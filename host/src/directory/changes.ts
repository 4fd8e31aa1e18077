/**
 * What a directory change affects, as far as the cached identities go. Published on the bus as
 * `host.directory.changed` so every host process drops what it holds of those subjects.
 */
export interface DirectoryChange {
  users?: readonly string[];
  clients?: readonly string[];
  /** Every subject whose own tenant is one of these. */
  tenants?: readonly string[];
  /** Everything (the catalog of installed entitlements changed, say). */
  all?: boolean;
}

export const DIRECTORY_CHANGED = 'host.directory.changed';

/** The message on the bus: the change, and which Directory made it (which already dropped its own). */
export interface ChangeMessage extends DirectoryChange {
  origin: string;
}

const idList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

/**
 * The change a bus message describes. Anything malformed (another version, a stray publisher)
 * counts as "everything changed": dropping too much costs a few reads, keeping too much is a hole.
 */
export function readChangeMessage(data: unknown): ChangeMessage {
  if (typeof data !== 'object' || data === null) return { origin: '', all: true };
  const { origin, users, clients, tenants, all } = data as Record<string, unknown>;
  const valid =
    typeof origin === 'string' &&
    (users === undefined || idList(users)) &&
    (clients === undefined || idList(clients)) &&
    (tenants === undefined || idList(tenants)) &&
    (all === undefined || typeof all === 'boolean');
  if (!valid) return { origin: typeof origin === 'string' ? origin : '', all: true };
  return data as ChangeMessage;
}
