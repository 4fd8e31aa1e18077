import type { Clock, PluginDispatcher } from '@switchboard/sdk';
import { measuresOf } from '../../rollup/measures.js';
import { sumCounts, type RollupCounts } from '../../rollup/rollup-row.js';
import type { CallStore } from '../call-store.js';
import { QueryInput } from '../query-input.js';
import type { RollupStore, SummaryGranularity } from '../rollup-store.js';
import { schemas } from '../schemas.js';
import { summaryWindow } from '../summary-window.js';
import { TrafficFilter } from '../traffic-filter.js';

interface ReadingQuery {
  from?: string;
  to?: string;
  tenantId?: string;
  dialedNumber?: string;
}

/** Counts with their measures (ASR, ACD, NER), as the summary answers them. */
const withMeasures = (counts: RollupCounts) => {
  const { asr, acdSeconds, ner } = measuresOf(counts);
  return { ...counts, asr, acdSeconds, ner };
};

/** What customers read: their calls, and summaries from the rollups. Both see only the caller's tenant subtree. */
export function registerReadingRoutes(dispatcher: PluginDispatcher, calls: CallStore, rollups: RollupStore, clock: Clock): void {
  dispatcher.route<Record<string, string>, ReadingQuery & { limit?: number }>({
    method: 'GET',
    path: '/calls',
    access: { entitlement: 'calls.read' },
    schemas: { query: schemas.callsQuery, response: schemas.calls },
    handler: async ({ query, identity, scope }) => {
      const input = new QueryInput();
      const from = input.instant(query.from, 'query.from');
      const to = input.instant(query.to, 'query.to');
      const dialedNumber = input.phoneNumber(query.dialedNumber, 'query.dialedNumber');
      input.check();
      const filter = new TrafficFilter(identity!, scope, { tenantId: query.tenantId, dialedNumber });
      return { calls: await calls.list(filter, { from, to, limit: query.limit ?? 100 }) };
    },
  });

  dispatcher.route<Record<string, string>, ReadingQuery & { granularity?: SummaryGranularity }>({
    method: 'GET',
    path: '/summary',
    access: { entitlement: 'calls.read' },
    schemas: { query: schemas.summaryQuery, response: schemas.summary },
    handler: async ({ query, identity, scope }) => {
      const granularity = query.granularity ?? 'hour';
      const input = new QueryInput();
      const from = input.instant(query.from, 'query.from');
      const to = input.instant(query.to, 'query.to');
      const dialedNumber = input.phoneNumber(query.dialedNumber, 'query.dialedNumber');
      input.check();
      const window = summaryWindow(granularity, clock.now(), from, to);
      const filter = new TrafficFilter(identity!, scope, { tenantId: query.tenantId, dialedNumber });
      const buckets = await rollups.buckets(filter, granularity, window.from, window.to);
      return {
        granularity,
        from: window.from,
        to: window.to,
        buckets: buckets.map((bucket) => ({ start: bucket.start, ...withMeasures(bucket.counts) })),
        total: withMeasures(sumCounts(buckets.map((bucket) => bucket.counts))),
      };
    },
  });
}
