import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { networkElement, signedInUser, type Caller } from './callers.js';
import { natsServers, openPostgres, seedTenant, seedUser, type TestDatabase, type TestHost } from './switchboard.js';
import { startTollFreeHost } from './toll-free-host.js';

/** Two host processes' worth of the scaled-out arrangement, filled in by the suite's before hook. */
export interface ScaledOutWorld {
  hosts: TestHost[];
  /** acme's administrator, signed in on the first host. */
  admin: Caller;
  /** A network element of the carrier on each host, in the hosts' order. */
  proxies: Caller[];
}

/**
 * Registers before and after hooks that start two stateless hosts on one PostgreSQL database and
 * one NATS JetStream stream of their own, as behind a load balancer, with acme seeded (traffic and
 * toll-free) and its administrator and a proxy per host signed in; afterwards everything is
 * stopped and the stream deleted. Call it inside the suite's describe.
 */
export function scaledOutWorld(name: string): ScaledOutWorld {
  const nats = { servers: natsServers, stream: `SB_TF_${randomBytes(4).toString('hex')}`, subjectPrefix: `t${randomBytes(4).toString('hex')}` };
  const world = { hosts: [], proxies: [] } as unknown as ScaledOutWorld;
  const running: Array<{ host: TestHost; cleanup: () => Promise<void> }> = [];
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;

  before(async () => {
    database = await openPostgres();
    dataDir = await mkdtemp(join(tmpdir(), `sb-toll-free-${name}-`));
    for (let i = 0; i < 2; i++) running.push(await startTollFreeHost(database, { overrides: { events: { nats } }, dataDir }));
    world.hosts = running.map((h) => h.host);
    const [one, two] = world.hosts as [TestHost, TestHost];
    await seedTenant(one, 'acme', { plugins: ['traffic', 'toll-free'] });
    world.admin = await signedInUser(one, await seedUser(one, 'acme', 'admin@acme.test', 'administrator'));
    world.proxies = [await networkElement(one, 'carrier', 'Proxy one'), await networkElement(two, 'carrier', 'Proxy two')];
  });

  after(async () => {
    for (const { cleanup } of running.splice(0)) await cleanup();
    await database?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    const nc = await connect({ servers: natsServers });
    await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
    await nc.close();
  });

  return world;
}
