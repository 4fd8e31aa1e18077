import { badRequest, unprocessable, type PluginDispatcher } from '@switchboard/sdk';
import { parseFreeswitchCdr } from '../../parsers/freeswitch/json-cdr.js';
import { parseJsonArray } from '../../parsers/json-array.js';
import type { CdrIngest } from '../ingest.js';
import { schemas } from '../schemas.js';

/** The routes the network sends records to; network elements hold network.cdrs.write through the built-in network-element role. */
export function registerIngestRoutes(dispatcher: PluginDispatcher, ingest: CdrIngest): void {
  dispatcher.route<Record<string, string>, Record<string, unknown>, unknown[]>({
    method: 'POST',
    path: '/cdrs',
    access: { entitlement: 'network.cdrs.write' },
    schemas: { body: schemas.cdrsBody, response: schemas.ingestAnswer },
    summary: 'send call records',
    handler: async ({ body, identity }) => {
      const batch = parseJsonArray(body);
      if ('problem' in batch) throw badRequest(`The body ${batch.problem}.`, [{ field: 'body', message: batch.problem }]);
      // 200 only once the good records are committed; the refused ones are listed by their index.
      return ingest.ingest(batch.records, identity!);
    },
  });

  dispatcher.route<Record<string, string>, { uuid?: string }, unknown>({
    method: 'POST',
    path: '/freeswitch',
    access: { entitlement: 'network.cdrs.write' },
    schemas: { body: schemas.freeswitchBody, query: schemas.freeswitchQuery, response: schemas.ingestAnswer },
    summary: 'send a FreeSWITCH call record',
    handler: async ({ body, identity }) => {
      // The source is the network element that posted, so two switches can never claim each other's records.
      const result = parseFreeswitchCdr(body, { source: identity!.subject });
      if ('ignored' in result) return { stored: 0, duplicates: 0, refused: [], ignored: result.ignored };
      // FreeSWITCH posts one call per request and keeps (and retries) what was not answered with a
      // 2xx, so a record that cannot be stored is answered 422, never a 200 that would make it discard it.
      if ('errors' in result) throw unprocessable('The CDR is not a call record Switchboard can store; nothing was stored.', result.errors, 'invalid_record');
      const answer = await ingest.ingest([{ position: { index: 0 }, record: result.record }], identity!);
      const refusal = answer.refused[0];
      if (refusal) throw unprocessable('The CDR was not stored.', refusal.errors, refusal.code);
      return answer;
    },
  });
}
