import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigOverrides } from './config/types.js';
import { startCore, type Core } from './core.js';
import { loadAssertionKeys } from './remote/assertion-keys.js';
import { createWorkerApp } from './remote/worker-app.js';
import { closeGracefully } from './server/graceful-close.js';

export interface RunningWorker extends Core {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A worker process: runs the named plugins with the same code and the same storage and bus as the
 * front host, and answers only the host's signed, already-authorised calls. It listens on loopback or
 * a private network; TLS there belongs to the network, the signature is what it trusts.
 */
export async function startWorker(plugins: readonly string[], options: { port: number; host?: string; overrides?: ConfigOverrides; env?: NodeJS.ProcessEnv }): Promise<RunningWorker> {
  const core = await startCore({ overrides: options.overrides, env: options.env, only: plugins, remote: [], role: 'worker' });
  try {
    const running = core.runtime.list().filter((s) => s.state === 'running').map((s) => s.id);
    const missing = plugins.filter((p) => !running.includes(p));
    if (missing.length) throw new Error(`The worker cannot run ${missing.join(', ')}: no such plugin was loaded`);
    const keys = await loadAssertionKeys(core.config.dataDir);
    const app = createWorkerApp({ routes: core.dispatcher.routes(), plugins, keys, log: core.log });
    const server: Server = createServer(app.callback());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    core.log.info({ url, plugins }, 'worker listening');
    let stopped: Promise<void> | null = null;
    return {
      ...core,
      url,
      port,
      stop() {
        stopped ??= (async () => {
          await closeGracefully(server, core.config.server.shutdownGraceMs);
          await core.close();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}
