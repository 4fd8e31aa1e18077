import { badRequest, type BodyStream, type Identity, type PluginDispatcher } from '@switchboard/sdk';
import type { Direction, Service } from '../../cdr/call-record.js';
import { parseAsteriskMasterCsv } from '../../parsers/asterisk/master-csv.js';
import { parseJsonArrayText } from '../../parsers/json-array.js';
import { parseNdjson } from '../../parsers/ndjson.js';
import type { ParsedRecord } from '../../parsers/parsed-record.js';
import type { CdrIngest, IngestAnswer } from '../ingest.js';
import { schemas } from '../schemas.js';
import { cutError, mediaType, readWholeBody } from '../upload-body.js';
import { registerFreeswitchRoute } from './freeswitch-route.js';

/**
 * A JSON array is parsed whole, so it is held whole: past this, send NDJSON, which is read
 * record by record up to the route's own (larger) limit.
 */
const JSON_ARRAY_MAX_BYTES = 16 * 1024 * 1024;

export interface IngestLimits {
  /** Largest NDJSON or CSV upload, in bytes (`uploadMaxBytes`). */
  uploadMaxBytes: number;
}

/** Streams the records into batched transactions; a cut upload is answered with what stayed stored. */
async function store(ingest: CdrIngest, records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>, sender: Identity): Promise<IngestAnswer> {
  try {
    return await ingest.ingestStream(records, sender);
  } catch (error) {
    throw cutError(error);
  }
}

/** The routes the network sends records to; network elements hold network.cdrs.write through the built-in network-element role. */
export function registerIngestRoutes(dispatcher: PluginDispatcher, ingest: CdrIngest, limits: IngestLimits): void {
  const jsonMaxBytes = Math.min(JSON_ARRAY_MAX_BYTES, limits.uploadMaxBytes);

  // One URL for canonical records, framed as the Content-Type says: a JSON array (scripts, small
  // batches) or NDJSON (exports and collectors, any size). Both are committed 1,000 records a
  // transaction and answered 200 once all are; refusals name an array index or a line number.
  dispatcher.route<Record<string, string>, Record<string, unknown>, BodyStream>({
    method: 'POST',
    path: '/cdrs',
    access: { entitlement: 'network.cdrs.write' },
    rawBody: { contentTypes: ['application/json', 'application/x-ndjson'], maxBytes: limits.uploadMaxBytes },
    schemas: { response: schemas.ingestAnswer },
    summary: 'send call records',
    handler: async ({ body, headers, identity }) => {
      if (mediaType(headers) === 'application/x-ndjson') return store(ingest, parseNdjson(body), identity!);
      const batch = parseJsonArrayText(await readWholeBody(body, jsonMaxBytes, ' Send larger batches as application/x-ndjson, which is read record by record.'));
      if ('problem' in batch) throw badRequest(`The body ${batch.problem}.`, [{ field: 'body', message: batch.problem }]);
      return store(ingest, batch.records, identity!);
    },
  });

  dispatcher.route<Record<string, string>, { timeZone: string; direction?: Direction; service?: Service }, BodyStream>({
    method: 'POST',
    path: '/asterisk',
    access: { entitlement: 'network.cdrs.write' },
    rawBody: { contentTypes: ['text/csv'], maxBytes: limits.uploadMaxBytes },
    schemas: { query: schemas.asteriskQuery, response: schemas.ingestAnswer },
    summary: 'upload an Asterisk Master.csv',
    handler: async ({ body, query, identity }) => {
      let records: AsyncIterable<ParsedRecord>;
      try {
        // The source is the uploading switch: Asterisk's uniqueids are unique only within one switch.
        records = parseAsteriskMasterCsv(body, { source: identity!.subject, timeZone: query.timeZone, direction: query.direction, service: query.service });
      } catch (error) {
        // Checked before a byte of the file is read: a wrong zone would shift every call in it.
        if (error instanceof RangeError) throw badRequest('The time zone is not one this server knows.', [{ field: 'query.timeZone', message: 'is not an IANA time zone, as America/Chicago or UTC' }]);
        throw error;
      }
      return store(ingest, records, identity!);
    },
  });

  registerFreeswitchRoute(dispatcher, ingest);
}
