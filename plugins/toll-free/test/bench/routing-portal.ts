/**
 * One host process of the routing benchmark's portal: the real traffic and toll-free plugins,
 * silent log (BENCH_LOG_LEVEL=info for the access log), no fixture identities, the per-address API rate limit raised out of the way. The
 * first process (`seed`) also sets the scene in storage: one customer whose toll-free number is
 * routed by the in-process benchmark's plan (five decisions deep, 200 area codes), activated through
 * the plugin's store as the API would, and a SIP proxy registered as a network element of the
 * carrier. Routing queries never touch storage: they are answered from memory.
 */
import { startHost, type RunningHost } from '@switchboard/host';
import { OPERATOR } from '@switchboard/host/dist/directory/index.js';
import { registerApiClient } from '@switchboard/host/dist/identity/api-clients.js';
import { createPluginStorage } from '@switchboard/host/dist/storage/index.js';
import { systemClock } from '@switchboard/sdk';
import { validatePlan } from '../../src/plan/validate/validate-plan.js';
import { PlanStore } from '../../src/server/plan-store.js';
import { ROUTING_CHANGED } from '../../src/server/routing-changes.js';
import { seedTenant } from '../support/switchboard.js';
import { benchmarkAreaCodes, benchmarkPlan, benchmarkQueries } from './decisions.js';

const BENCH_NUMBER = '+18005550100';

const customer = {
  tenantId: 'acme',
  numbers: [BENCH_NUMBER],
  callCenters: ['dallas', 'tampa', 'toronto', 'overnight'].map((id) => ({ id, uri: `sip:agents@${id}.acme.example` })),
  announcements: [{ id: 'holiday' }, { id: 'closed' }],
};

/** Where the portal's processes keep their state: SQLite in dataDir alone, or PostgreSQL and NATS shared by several. */
export interface PortalStorage {
  dataDir: string;
  database?: { url: string; schema: string };
  nats?: { servers: string; stream: string; subjectPrefix: string };
}

/** What the load generator needs: where, whose certificate, the network element's credentials, the questions. */
export interface Ready {
  url: string;
  cert: string;
  clientId: string;
  secret: string;
  bodies: string[];
}

export function startPortalHost(storage: PortalStorage): Promise<RunningHost> {
  return startHost(
    {
      dataDir: storage.dataDir,
      server: { host: '127.0.0.1', httpsPort: 0, httpPort: null, rateLimit: { perMinute: 1_000_000_000, burst: 100_000_000 } },
      // Silent unless BENCH_LOG_LEVEL says otherwise (info: the access log's line per query, to stdout).
      log: { level: (process.env.BENCH_LOG_LEVEL as 'info' | undefined) ?? 'silent' },
      plugins: { dirs: ['plugins'], settings: { traffic: { simulator: { enabled: false } }, 'toll-free': { customers: [customer] } } },
      identity: { fixtures: null },
      ...(storage.database ? { database: storage.database } : {}),
      ...(storage.nats ? { events: { nats: storage.nats } } : {}),
    },
    { env: {} },
  );
}

/** The benchmark's customer, plan and network element, stored through `host`; every process routes from them. */
export async function seedPortal(host: RunningHost): Promise<Ready> {
  await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
  const plans = new PlanStore(createPluginStorage(host.db, 'toll-free'), systemClock);
  const actor = { tenants: ['acme'], by: 'benchmark' };
  const stored = await plans.create(actor, { tenantId: 'acme', name: 'Benchmark', plan: benchmarkPlan(benchmarkAreaCodes()), numbers: [BENCH_NUMBER] });
  await plans.activate(actor, stored.id, { revision: 1, version: 1 }, (plan) => validatePlan(plan, { owned: { callCenterIds: customer.callCenters.map((c) => c.id), announcementIds: ['holiday', 'closed'] } }));
  // As the API does after an activation: every process rebuilds its routing.
  await host.bus.publish(ROUTING_CHANGED, { tenantId: 'acme', why: 'activated', planId: stored.id, version: 1 });
  const proxy = await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'bench-proxy', kind: 'network', roleId: 'network-element' });
  // The questions the load generator asks, as a SIP proxy would send them: the benchmark's pool of callers and instants.
  const bodies = benchmarkQueries(benchmarkAreaCodes(), 1_000).map((query) => JSON.stringify({ ...query, at: undefined, time: query.at.toISOString() }));
  return { url: host.url, cert: host.tls.cert, clientId: proxy.client.id, secret: proxy.secret, bodies };
}
