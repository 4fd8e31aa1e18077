// @switchboard/plugin-traffic: what other plugins and the next slices use: reference data, the
// canonical call record, the parsers for what equipment writes, rollups with their measures, the
// event committed calls are published as, and the types of the routing contract. The server side
// (ingest, storage, routes, simulator) is the plugin's server entry, src/server/index.ts, which
// the host loads; other plugins never import it.

// Reference data: NANP area codes and call origins.
export type { NpaEntry, NpaUse } from './reference/npa-entry.js';
export type { CallOrigin } from './reference/call-origin.js';
export { NPA_TABLE, NPA_TABLE_FILE_DATE } from './reference/npa-table.js';
export { isTollFreeNumber, lookupNpa, npaOf, originOf } from './reference/npa-lookup.js';
export { toE164 } from './phone/e164.js';

// The canonical call record.
export { DIRECTIONS, DISPOSITIONS, SERVICES } from './cdr/call-record.js';
export type { CallRecord, CallRecordInput, Direction, Disposition, Service } from './cdr/call-record.js';
export { validateCallRecord, type CallRecordValidation } from './cdr/validate-call-record.js';
export { classifyUnanswered, causeConflict, Q850, type UnansweredCall } from './cdr/release-causes.js';
export { inferService } from './cdr/infer-service.js';

// Parsers: canonical JSON and NDJSON, FreeSWITCH mod_json_cdr, Asterisk Master.csv.
export type { ParsedRecord, RecordPosition } from './parsers/parsed-record.js';
export { parseJsonArray, parseJsonArrayText, type JsonArrayBatch } from './parsers/json-array.js';
export { parseNdjson } from './parsers/ndjson.js';
export { readLines, type ReadLinesOptions, type StreamLine } from './parsers/read-lines.js';
export { decodeFreeswitchPost } from './parsers/freeswitch/decode-post.js';
export { parseFreeswitchCdr, type FreeswitchCdrOptions, type FreeswitchCdrResult } from './parsers/freeswitch/json-cdr.js';
export { parseAsteriskMasterCsv, type AsteriskCsvOptions } from './parsers/asterisk/master-csv.js';

// Rollups and measures.
export { Rollup } from './rollup/rollup.js';
export { bucketStart } from './rollup/buckets.js';
export { GRANULARITIES, sumCounts, ZERO_COUNTS, type Granularity, type RollupCounts, type RollupKey, type RollupRow } from './rollup/rollup-row.js';
export { measuresOf, type TrafficMeasures } from './rollup/measures.js';

// Events: committed calls, per tenant (subscribe to CALLS_COMMITTED on the event bus).
export { CALLS_COMMITTED, type CallsCommitted, type CommittedCall } from './server/publish.js';

// Routing: the traffic plugin's contract (what setup returns). A later plugin registers the router
// the network asks where each call goes: ctx.contract<TrafficContract>('traffic').useCallRouter(router).
export type { CallRouteQuery, CallRouter, RouteAction, RouteAnswer, RoutingPlanRef, TrafficContract } from './routing/call-router.js';
