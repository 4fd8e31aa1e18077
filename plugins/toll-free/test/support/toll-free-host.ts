import type { ConfigOverrides } from '@switchboard/host';
import { startTestHost, type TestDatabase, type TestHost } from './switchboard.js';

/** The numbers, call centers and announcements the tests' customers have (plugins.settings.toll-free.customers). */
export const CUSTOMERS = [
  {
    tenantId: 'acme',
    numbers: ['+18005550100', '+18005550101', '+18005550102'],
    timeZone: 'America/Chicago',
    callCenters: [
      { id: 'dallas', name: 'Dallas call center', uri: 'sip:agents@dallas.acme.example', agents: 3 },
      { id: 'tampa', name: 'Tampa call center', uri: 'sip:agents@tampa.acme.example', agents: 2 },
    ],
    announcements: [{ id: 'closed', name: 'We are closed', uri: 'sip:closed@media.acme.example' }],
  },
  { tenantId: 'globex', numbers: ['+18885550123'], callCenters: [{ id: 'phoenix', name: 'Phoenix call center' }], announcements: [] },
];

export interface TollFreeHostOptions {
  /** plugins.settings.toll-free, over the test customers. */
  tollFree?: Record<string, unknown>;
  /** plugins.settings.traffic, over the simulator switched off. */
  traffic?: Record<string, unknown>;
  /** More host configuration: the events bus, a shared data folder. */
  overrides?: ConfigOverrides;
  dataDir?: string;
}

/**
 * A real portal with the traffic and toll-free plugins on a database (signed-in users and OAuth
 * clients only, no fixture identities), the traffic simulator off unless the test turns it on.
 * `cleanup` stops the host; the database is the caller's (a second host may share it).
 */
export async function startTollFreeHost(database: TestDatabase, options: TollFreeHostOptions = {}): Promise<{ host: TestHost; cleanup: () => Promise<void> }> {
  const host = await startTestHost(
    {
      ...options.overrides,
      plugins: {
        dirs: ['plugins'],
        settings: {
          traffic: { rawRetentionDays: 3660, simulator: { enabled: false }, ...options.traffic },
          'toll-free': { customers: CUSTOMERS, ...options.tollFree },
        },
      },
      database: { url: database.url, schema: database.schema ?? null },
      identity: { fixtures: null } as never,
      // The tests send many requests from one address.
      server: { rateLimit: { perMinute: 1_000_000, burst: 100_000 } } as never,
    },
    options.dataDir ? { dataDir: options.dataDir } : {},
  );
  return { host, cleanup: () => host.dispose() };
}
