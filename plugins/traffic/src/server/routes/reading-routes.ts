import type { Clock, PluginDispatcher } from '@switchboard/sdk';
import type { CallStore } from '../call-store.js';
import { QueryInput } from '../query-input.js';
import type { SummaryGranularity, SummaryGroupBy } from '../rollup-sources.js';
import { schemas } from '../schemas.js';
import { summaryAnswer } from '../summary-answer.js';
import type { SummarySnapshots } from '../summary-snapshot.js';
import { summaryWindow } from '../summary-window.js';
import { TrafficFilter } from '../traffic-filter.js';

interface ReadingQuery {
  from?: string;
  to?: string;
  tenantId?: string;
  dialedNumber?: string;
}

/**
 * What customers read: their calls, and summaries from the rollups, each with the greatest call id
 * it includes (so that the live stream can be followed from there without counting a call twice or
 * missing one). Both see only the caller's tenant subtree.
 */
export function registerReadingRoutes(dispatcher: PluginDispatcher, calls: CallStore, summaries: SummarySnapshots, clock: Clock): void {
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

  dispatcher.route<Record<string, string>, ReadingQuery & { granularity?: SummaryGranularity; groupBy?: SummaryGroupBy }>({
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
      return summaryAnswer(granularity, window, await summaries.read(filter, granularity, window, query.groupBy), query.groupBy !== undefined);
    },
  });
}
