/**
 * The portal for the login benchmark, in a process of its own so that the load generator never
 * shares its event loop: SQLite in a temporary data folder, silent log, the fixture plugins, no
 * fixture identities (real accounts only), and the per-address API rate limit raised out of the
 * way (the sign-in throttle is left as it is: the benchmark signs in with right passwords only).
 *
 *   node test/dist/bench/login-server.js <users>
 *
 * Prints one JSON line ({ port, cert, logins, password }) when ready; stops on SIGTERM.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '@switchboard/host';
import { seedTenant, seedUser } from '../support/identity.js';

const users = Number(process.argv[2] ?? 20);
const dataDir = await mkdtemp(join(tmpdir(), 'sb-bench-login-'));
const host = await startHost(
  {
    dataDir,
    server: { host: '127.0.0.1', httpsPort: 0, httpPort: null, rateLimit: { perMinute: 100_000_000, burst: 10_000_000 } },
    log: { level: 'silent' },
    plugins: { dirs: ['test/fixtures/plugins'] },
    identity: { fixtures: null },
  },
  { env: {} },
);

await seedTenant(host, 'acme', { plugins: ['notes'] });
const logins: string[] = [];
let password = '';
for (let i = 1; i <= users; i++) {
  const user = await seedUser(host, 'acme', `bench-${String(i).padStart(3, '0')}@acme.test`);
  logins.push(user.login);
  password = user.password;
}

process.stdout.write(`${JSON.stringify({ port: host.port, cert: host.tls.cert, logins, password })}\n`);

process.on('SIGTERM', () => {
  void host
    .stop()
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .finally(() => process.exit(0));
});
