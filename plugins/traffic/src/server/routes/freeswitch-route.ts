import { badRequest, unprocessable, type BodyStream, type PluginDispatcher } from '@switchboard/sdk';
import { decodeFreeswitchPost } from '../../parsers/freeswitch/decode-post.js';
import { parseFreeswitchCdr } from '../../parsers/freeswitch/json-cdr.js';
import type { CdrIngest } from '../ingest.js';
import { schemas } from '../schemas.js';
import { mediaType, readWholeBody } from '../upload-body.js';

/** One call leg's document; real ones are a few KiB, a long call flow some tens. */
const FREESWITCH_MAX_BYTES = 1024 * 1024;

/**
 * Where mod_json_cdr posts, in any of its `encode` settings: raw JSON (`application/json`), `cdr=`
 * URL-encoded (`application/x-www-form-urlencoded`) or `cdr=` base64
 * (`application/x-www-form-base64-encoded`).
 */
export function registerFreeswitchRoute(dispatcher: PluginDispatcher, ingest: CdrIngest): void {
  dispatcher.route<Record<string, string>, { uuid?: string }, BodyStream>({
    method: 'POST',
    path: '/freeswitch',
    access: { entitlement: 'network.cdrs.write' },
    rawBody: { contentTypes: ['application/json', 'application/x-www-form-urlencoded', 'application/x-www-form-base64-encoded'], maxBytes: FREESWITCH_MAX_BYTES },
    schemas: { query: schemas.freeswitchQuery, response: schemas.ingestAnswer },
    summary: 'send a FreeSWITCH call record',
    handler: async ({ body, headers, identity }) => {
      const decoded = decodeFreeswitchPost(await readWholeBody(body, FREESWITCH_MAX_BYTES), mediaType(headers));
      if ('problem' in decoded) throw badRequest(`The body ${decoded.problem}.`, [{ field: 'body', message: decoded.problem }]);
      // The source is the network element that posted, so two switches can never claim each other's records.
      const result = parseFreeswitchCdr(decoded.document, { source: identity!.subject });
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
