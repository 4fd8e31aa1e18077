/**
 * Runs before the tests (`npm test`): makes sure what the tests need is on this machine, installing
 * Debian's Chromium when it can, and says plainly what is missing when it cannot.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isReachable, natsServers, postgresUrl } from './services.js';

const CHROMIUM = '/usr/bin/chromium';

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium from Debian for the browser tests (apt-get install chromium)...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  console.error(`The browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium fonts-dejavu-core`);
  process.exit(1);
}

async function reportServices(): Promise<void> {
  const pg = new URL(postgresUrl);
  const [nh, np] = natsServers.split(':');
  const missing = [
    !(await isReachable(pg.hostname, Number(pg.port || 5432))) && `PostgreSQL at ${pg.host}`,
    !(await isReachable(nh!, Number(np || 4222))) && `NATS at ${natsServers}`,
  ].filter(Boolean);
  if (missing.length === 0) return;
  const banner = '!'.repeat(78);
  const verdict = process.env.CI === 'true' ? 'CI=true: their tests will FAIL.' : 'Their tests will be SKIPPED.';
  console.warn(`\n${banner}\n  Not reachable: ${missing.join(', ')}. ${verdict}\n  Start PostgreSQL (pg_ctlcluster <version> main start) and NATS with JetStream (nats-server -js).\n${banner}\n`);
}

ensureChromium();
await reportServices();
