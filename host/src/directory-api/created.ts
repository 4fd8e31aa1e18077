import { reply, type Reply } from '@switchboard/sdk';

/** Where the host's own routes live: the dispatcher mounts plugin id `host` at /api/host. */
export const API_BASE = '/api/host';

/** 201 with the new record and where it can be read from now on. */
export const created = <T>(path: string, body: T): Reply<T> => reply(201, body, { Location: `${API_BASE}${path}` });
