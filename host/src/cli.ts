import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { verifyAuditChain } from './audit/verify.js';
import { ConfigError, loadConfig } from './config/load.js';
import { openStorage } from './core.js';
import { startHost } from './host.js';
import { discoverPlugins } from './loader/discover.js';
import { createPluginStorage, loadMigrationsFrom, runMigrations } from './storage/index.js';
import { startWorker } from './worker.js';

const USAGE = `Usage: switchboard <command>

  start                          start the portal (HTTPS), with every plugin found
  worker --plugins a,b [--port N] [--host H]
                                 run plugins in a worker process for a front host
  migrate                        apply the host's and every plugin's pending migrations
  plugins                        list the plugins found, their versions and whether they load
  audit verify                   check the audit trail's hash chain; exit 1 if it was tampered with

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
  const host = await startHost();
  out(`Switchboard is running at ${host.url}`);
  if (host.tls.source !== 'configured') out(`(self-signed certificate in ${join(host.config.dataDir, 'tls')}; your browser will ask you to accept it)`);
  if (host.httpPort !== null) out(`Plain HTTP on port ${host.httpPort} redirects to HTTPS.`);
  onSignals(() => host.stop());
}

async function worker(args: string[]) {
  const { values } = parseArgs({ args, options: { plugins: { type: 'string' }, port: { type: 'string', default: '0' }, host: { type: 'string' } } });
  const plugins = (values.plugins ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (plugins.length === 0) throw new UsageError('worker needs --plugins <id>[,<id>...]');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
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

class UsageError extends Error {}

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
  if (error instanceof ConfigError || error?.name === 'PluginLoadError' || error?.name === 'RequirementError' || error?.name === 'ThemeError') {
    console.error(`switchboard: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
