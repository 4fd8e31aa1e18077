import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiError } from '@switchboard/sdk';
import { join } from 'node:path';
import { verifyAuditChain } from './audit/verify.js';
import { ConfigError, loadConfig } from './config/load.js';
import { openStorage } from './core.js';
import type { RunningHost } from './host.js';
import { discoverPlugins } from './loader/discover.js';
import { createPluginStorage, loadMigrationsFrom, runMigrations } from './storage/index.js';
import { clientAdd, keysRotate, portalUrl, tenantAdd, UsageError, userAdd } from './cli/identity-commands.js';
import { seedDemoIfEmpty } from './identity/demo-seed.js';

const USAGE = `Usage: switchboard <command>

  start                          start the portal (HTTPS), with every plugin found
  worker --plugins a,b [--port N] [--host H]
                                 run plugins in a worker process for a front host
  migrate                        apply the host's and every plugin's pending migrations
  plugins                        list the plugins found, their versions and whether they load
  audit verify                   check the audit trail's hash chain; exit 1 if it was tampered with
  tenant add <id> --name N [--kind customer|reseller] [--parent P] [--theme T] [--mfa] [--services a,b]
                                 add a tenant (under the carrier unless --parent)
  user add <login> --tenant T [--name N] [--email E] [--role R] [--scope a,b]
                                 add a user and print a one-time link to set their password
  client add --tenant T --name N [--kind automation|network] [--role R] [--scope a,b] [--redirect-uri U]...
                                 add an OAuth client and print its secret, once (role: analyst,
                                 or network-element for --kind network)
  keys rotate                    new signing keys for the OpenID Provider

Configuration: config/default.json, overridden by SWITCHBOARD_CONFIG=<file>,
SWITCHBOARD__<section>__<key>=<value>, DATABASE_URL and NATS_URL.`;

const out = (line = '') => process.stdout.write(`${line}\n`);

function onSignals(stop: () => Promise<void>) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      out(`\n${signal}: finishing requests in flight, then stopping...`);
      stop().then(() => process.exit(0), (error) => {
        console.error(error);
        process.exit(1);
      });
    });
  }
}

async function start() {
  // Loaded here, not at the top: the other commands need neither the server nor the OpenID Provider.
  const { startHost } = await import('./host.js');
  const host = await startHost();
  out(`Switchboard is running at ${host.url}`);
  if (host.config.identity.seedDemo) await printDemo(host);
  if (host.tls.source !== 'configured') out(`(self-signed certificate in ${join(host.config.dataDir, 'tls')}; your browser will ask you to accept it)`);
  if (host.httpPort !== null) out(`Plain HTTP on port ${host.httpPort} redirects to HTTPS.`);
  onSignals(() => host.stop());
}

/** On an empty installation, demo tenants and users, their passwords shown this once. */
async function printDemo(host: RunningHost) {
  const plugins = host.runtime.list().filter((s) => s.state === 'running' || s.state === 'remote').map((s) => s.id);
  const reseller = host.themes.get('example-reseller');
  const accounts = await seedDemoIfEmpty(host.identity, { plugins, resellerTheme: reseller ? reseller.id : null });
  if (!accounts) return;
  out('\nDemo accounts (passwords are shown only now; sign in and keep them):');
  for (const a of accounts) out(`  ${a.login.padEnd(26)} ${a.password}   ${a.tenant} ${a.role}`);
  const resellerHost = reseller?.hosts[0];
  if (resellerHost) out(`Northwind's customers see its brand at https://${resellerHost}:${host.port}/ (point ${resellerHost} at this machine, e.g. in /etc/hosts).`);
  out(`Everyone else: ${portalUrl(host.config).replace(/:\d+$/, `:${host.port}`)}/`);
}

async function worker(args: string[]) {
  const { values } = parseArgs({ args, options: { plugins: { type: 'string' }, port: { type: 'string', default: '0' }, host: { type: 'string' } } });
  const plugins = (values.plugins ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (plugins.length === 0) throw new UsageError('worker needs --plugins <id>[,<id>...]');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const { startWorker } = await import('./worker.js');
  const running = await startWorker(plugins, { port, host: values.host });
  out(`Switchboard worker for ${plugins.join(', ')} listening on ${running.url}`);
  onSignals(() => running.stop());
}

async function migrate() {
  const config = loadConfig();
  const db = await openStorage(config);
  try {
    const { plugins, failures } = await discoverPlugins(config.plugins.dirs, config.plugins.packages, config.plugins.disabled);
    for (const failure of failures) out(`! ${failure.message}`);
    for (const plugin of plugins) {
      if (!plugin.manifest.migrations) continue;
      const migrations = await loadMigrationsFrom(join(plugin.dir, plugin.manifest.migrations));
      const applied = await runMigrations(db, { owner: plugin.manifest.id, prefix: createPluginStorage(db, plugin.manifest.id).prefix, migrations });
      out(`${plugin.manifest.id}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    }
  } finally {
    await db.close();
  }
}

async function plugins() {
  const config = loadConfig();
  const { plugins: found, failures } = await discoverPlugins(config.plugins.dirs, config.plugins.packages, config.plugins.disabled);
  for (const p of found) {
    const where = config.plugins.remote[p.manifest.id] ? ` (worker at ${config.plugins.remote[p.manifest.id]})` : '';
    out(`${p.manifest.id}@${p.version}  ${p.manifest.title}${where}`);
    out(`    sdk ${p.manifest.sdk}; requires ${p.manifest.requires?.join(', ') || 'nothing'}; entitlements ${Object.keys(p.manifest.entitlements).join(', ') || 'none'}`);
  }
  for (const failure of failures) out(`! ${failure.message}`);
  if (found.length === 0 && failures.length === 0) out('No plugins found.');
  if (failures.length) process.exitCode = 1;
}

async function auditVerify() {
  const config = loadConfig();
  const db = await openStorage(config);
  try {
    const verdict = await verifyAuditChain(db.knex);
    if (verdict.ok) {
      out(`Audit trail intact: ${verdict.records} records, head ${verdict.head}`);
    } else {
      out(`AUDIT TRAIL BROKEN at record ${verdict.brokenAt}: ${verdict.reason} (${verdict.records} records verified before it)`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}


async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'worker':
      return worker(rest);
    case 'migrate':
      return migrate();
    case 'plugins':
      return plugins();
    case 'audit':
      if (rest[0] === 'verify') return auditVerify();
      throw new UsageError('audit has one subcommand: verify');
    case 'tenant':
      if (rest[0] === 'add') return tenantAdd(rest.slice(1));
      throw new UsageError('tenant has one subcommand: add');
    case 'user':
      if (rest[0] === 'add') return userAdd(rest.slice(1));
      throw new UsageError('user has one subcommand: add');
    case 'client':
      if (rest[0] === 'add') return clientAdd(rest.slice(1));
      throw new UsageError('client has one subcommand: add');
    case 'keys':
      if (rest[0] === 'rotate') return keysRotate();
      throw new UsageError('keys has one subcommand: rotate');
    case undefined:
    case 'help':
    case '--help':
      return out(USAGE);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    console.error(`switchboard: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof ApiError) {
    // A refusal by the directory or the credential rules: say what and which field, as the API would.
    const fields = (error.fields ?? []).map((f) => `\n  - ${f.field}: ${f.message}`).join('');
    console.error(`switchboard: ${error.message} (${error.code})${fields}`);
    process.exit(1);
  }
  if (error instanceof ConfigError || error?.name === 'PluginLoadError' || error?.name === 'RequirementError' || error?.name === 'ThemeError') {
    console.error(`switchboard: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
