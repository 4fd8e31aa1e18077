import pino, { type Logger } from 'pino';
import type { HostConfig } from './config/types.js';

/** JSON logs (ASVS 16.2.4) that never carry credentials (16.2.5). */
export function createLogger(config: Pick<HostConfig, 'log'>, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level: config.log.level,
    base: { pid: process.pid, ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['headers.authorization', 'headers.cookie', '*.password', '*.totp', '*.token', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}
