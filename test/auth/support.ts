import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import type { Clock } from '@switchboard/sdk';
import { loadMigrationsFrom, runMigrations, type Database } from '@switchboard/host/dist/storage/index.js';

/** A clock the test moves by hand, so windows and locks pass without sleeping. */
export class ManualClock implements Clock {
  private millis: number;

  constructor(start: Date | string = '2026-03-02T09:00:00.000Z') {
    this.millis = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.millis);
  }

  advance(seconds: number): void {
    this.millis += seconds * 1000;
  }
}

const hostMigrations = fileURLToPath(new URL('./', import.meta.resolve('@switchboard/host/dist/migrations/001-audit.js')));

/** Applies the host's credential migration, as the host would, from its compiled folder. */
export async function migrateCredentials(db: Database): Promise<void> {
  const migrations = (await loadMigrationsFrom(hostMigrations)).filter(({ name }) => name === '003-credentials');
  if (migrations.length !== 1) throw new Error(`003-credentials not found in ${hostMigrations}`);
  await runMigrations(db, { owner: 'host', prefix: 'host_', migrations });
}

/** The code an authenticator app would show for `secret` at `at`, computed by otplib independently of the store. */
export function codeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** A six-digit code that is none of the codes valid at `at` (its step and the one either side). */
export async function wrongCodeAt(secret: string, at: Date): Promise<string> {
  const valid = await Promise.all([-30_000, 0, 30_000].map((offset) => codeAt(secret, new Date(at.getTime() + offset))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.includes(code)) return code;
  }
}
