import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type ConfigOverrides, type RunningHost } from '@switchboard/host';
import { send, type RequestOptions } from './http.js';

export interface TestHost extends RunningHost {
  /** A request to this host, with its certificate trusted. */
  request(method: string, path: string, options?: RequestOptions): ReturnType<typeof send>;
  /** Stops the host and removes its data folder. */
  dispose(): Promise<void>;
}

/** The fixture plugins and identities, loopback, free ports, quiet logs, a fresh data folder. */
export function testOverrides(dataDir: string, extra: ConfigOverrides = {}): ConfigOverrides {
  return {
    ...extra,
    dataDir,
    server: { host: '127.0.0.1', httpsPort: 0, httpPort: null, shutdownGraceMs: 2000, ...extra.server },
    log: { level: 'silent', ...extra.log },
    plugins: { dirs: ['test/fixtures/plugins'], ...extra.plugins },
    identity: { fixtures: 'test/fixtures/identities.json', ...extra.identity },
  };
}

export async function startTestHost(extra: ConfigOverrides = {}, options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sb-host-')));
  // An empty environment: the machine's DATABASE_URL or SWITCHBOARD__* must not leak into a test.
  const host = await startHost(testOverrides(dataDir, extra), { env: options.env ?? {} });
  return Object.assign(host, {
    request: (method: string, path: string, opts: RequestOptions = {}) => send(host.url, method, path, { ca: host.tls.cert, ...opts }),
    dispose: async () => {
      await host.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  });
}
