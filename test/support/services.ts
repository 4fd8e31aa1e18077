import { connect } from 'node:net';

/**
 * The real services some suites need, on loopback by default. Without them those suites are
 * skipped with a loud notice on a developer's machine, and fail under CI=true, where they must run.
 */
export const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const natsServers = process.env.TEST_NATS_URL || '127.0.0.1:4222';

export type Service = 'postgres' | 'nats';

/** True when something accepts TCP connections at host:port within the timeout. */
export function isReachable(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

const services: Record<Service, { address: () => { host: string; port: number }; howToStart: string }> = {
  postgres: {
    address: () => {
      const url = new URL(postgresUrl);
      return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) };
    },
    howToStart:
      'start PostgreSQL 15 with trust auth and a database "test" (Debian: apt-get install postgresql && service postgresql start; ' +
      'or docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:15), or point TEST_DATABASE_URL at one',
  },
  nats: {
    address: () => {
      const first = natsServers.split(',')[0]!.trim().replace(/^nats:\/\//, '');
      const url = new URL(`nats://${first}`);
      return { host: url.hostname || '127.0.0.1', port: Number(url.port || 4222) };
    },
    howToStart:
      'start NATS with JetStream (nats-server -js; or docker run -p 4222:4222 nats:2.9 -js), or point TEST_NATS_URL at one',
  },
};

const reachability = new Map<Service, Promise<boolean>>();
const warned = new Set<Service>();

function checkReachable(service: Service): Promise<boolean> {
  let check = reachability.get(service);
  if (!check) {
    const { host, port } = services[service].address();
    check = isReachable(host, port);
    reachability.set(service, check);
  }
  return check;
}

/**
 * `describe`, for a suite that needs a real service. When the service is not reachable the
 * suite's tests are skipped with a loud notice, or, with CI=true, the suite fails saying why.
 */
export function describeWithService(service: Service, title: string, fn: (this: Mocha.Suite) => void): Mocha.Suite {
  return describe(title, function () {
    before(async function () {
      if (await checkReachable(service)) return;
      const { host, port } = services[service].address();
      const missing = `${service} is not reachable at ${host}:${port}`;
      if (process.env.CI === 'true') {
        throw new Error(`${missing}, and with CI=true the tests that need it must run: ${services[service].howToStart}.`);
      }
      if (!warned.has(service)) {
        warned.add(service);
        const line = '!'.repeat(100);
        console.warn(`\n${line}\n!! SKIPPING every test that needs ${service}: ${missing}.\n!! To run them, ${services[service].howToStart}.\n${line}\n`);
      } else {
        console.warn(`!! skipping "${this.test?.parent?.fullTitle() ?? title}": ${missing}`);
      }
      this.skip();
    });
    fn.call(this);
  });
}
