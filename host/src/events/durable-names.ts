import { createHash } from 'node:crypto';

const NATS_SAFE = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * A durable name NATS accepts (no dots, wildcards, spaces or slashes). A name that had to change
 * gets a short hash of the original, so `a.b` and `a_b` stay two different consumers.
 */
export function natsDurableName(name: string): string {
  if (NATS_SAFE.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 180)}-${hash}`;
}
