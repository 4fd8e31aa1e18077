/** The host's configuration, as config/schema.json describes it (the schema is the authority). */
export interface HostConfig {
  dataDir: string;
  server: {
    host: string;
    httpsPort: number;
    httpPort: number | null;
    publicHost: string | null;
    trustProxy: boolean;
    bodyLimitBytes: number;
    shutdownGraceMs: number;
    rateLimit: { perMinute: number; burst: number };
  };
  tls: { certFile: string | null; keyFile: string | null };
  cors: { origins: string[] };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  database: { url: string | null; schema: string | null };
  events: { nats: null | { servers: string; stream: string; subjectPrefix: string } };
  plugins: {
    dirs: string[];
    packages: string[];
    optional: string[];
    disabled: string[];
    remote: Record<string, string>;
    settings: Record<string, Record<string, unknown>>;
  };
  themes: { dirs: string[]; default: string };
  identity: { fixtures: string | null; session: { idleMinutes: number; absoluteHours: number }; seedDemo: boolean };
  remote: { assertionTtlSeconds: number };
}

/** Any part of the configuration, for overrides. */
export type ConfigOverrides = { [K in keyof HostConfig]?: HostConfig[K] extends object ? Partial<HostConfig[K]> : HostConfig[K] };
