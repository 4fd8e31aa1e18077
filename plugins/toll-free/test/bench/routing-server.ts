/**
 * The portal for the HTTP half of the routing benchmark, in a process of its own so that the load
 * generator never shares its event loop: the real traffic and toll-free plugins on a fresh SQLite
 * database (routing queries never touch it: they are answered from memory), silent log, no
 * fixture identities, the per-address API rate limit raised out of the way. One customer whose
 * toll-free number is routed by the in-process benchmark's plan (five decisions deep, 200 area
 * codes), activated through the plugin's store as the API would, and a SIP proxy registered as a
 * network element of the carrier.
 *
 *   node plugins/toll-free/dist/test/bench/routing-server.js
 *
 * Sends { ready } over the IPC channel, answers 'cpu' with the CPU it has used (process.cpuUsage(),
 * so the benchmark can report CPU per query); stops on SIGTERM.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '@switchboard/host';
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

const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-routing-'));
const host = await startHost(
  {
    dataDir,
    server: { host: '127.0.0.1', httpsPort: 0, httpPort: null, rateLimit: { perMinute: 1_000_000_000, burst: 100_000_000 } },
    log: { level: 'silent' },
    plugins: { dirs: ['plugins'], settings: { traffic: { simulator: { enabled: false } }, 'toll-free': { customers: [customer] } } },
    identity: { fixtures: null },
  },
  { env: {} },
);

await seedTenant(host, 'acme', { plugins: ['traffic', 'toll-free'] });
const plans = new PlanStore(createPluginStorage(host.db, 'toll-free'), systemClock);
const actor = { tenants: ['acme'], by: 'benchmark' };
const stored = await plans.create(actor, { tenantId: 'acme', name: 'Benchmark', plan: benchmarkPlan(benchmarkAreaCodes()), numbers: [BENCH_NUMBER] });
await plans.activate(actor, stored.id, { revision: 1, version: 1 }, (plan) => validatePlan(plan, { owned: { callCenterIds: customer.callCenters.map((c) => c.id), announcementIds: ['holiday', 'closed'] } }));
// As the API does after an activation: every process (here, the host) rebuilds its routing.
await host.bus.publish(ROUTING_CHANGED, { tenantId: 'acme', why: 'activated', planId: stored.id, version: 1 });
const proxy = await registerApiClient(host.identity, OPERATOR, { tenantId: 'carrier', name: 'bench-proxy', kind: 'network', roleId: 'network-element' });

// The questions the load generator asks, as a SIP proxy would send them: the benchmark's pool of callers and instants.
const bodies = benchmarkQueries(benchmarkAreaCodes(), 1_000).map((query) => JSON.stringify({ ...query, at: undefined, time: query.at.toISOString() }));

process.send!({ ready: { url: host.url, cert: host.tls.cert, clientId: proxy.client.id, secret: proxy.secret, bodies } });

process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});

process.on('SIGTERM', () => {
  void host.stop().then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0));
});
