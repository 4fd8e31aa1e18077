import type { AuditLog, Logger } from '@switchboard/sdk';
import type { NumberInventory } from './inventory.js';
import type { Released } from './number-row.js';

/** Who the audit trail names for what the plugin does by itself, on the clock. */
const SWEEPER = { kind: 'system', subject: 'orders.number-sweeper', name: 'Number inventory sweep' } as const;

export interface SweepResult {
  /** Reservations that lapsed: the numbers are spare again. */
  expired: Released[];
  /** Disconnected numbers whose aging ended: spare again. */
  aged: Released[];
}

/**
 * Puts numbers back to spare when their time is up: reservations past their expiry, disconnected
 * numbers past their aging period. Runs at start and then every interval, one sweep at a time.
 * Each tenant whose numbers went back gets an audit entry, since they lost something.
 */
export class InventorySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;

  constructor(
    private readonly inventory: NumberInventory,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly intervalMinutes: number,
  ) {}

  /** One sweep now (or the one already running). */
  runOnce(): Promise<SweepResult> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<SweepResult> {
    const expired = await this.inventory.expireReservations();
    const aged = await this.inventory.endAging();
    await this.record('numbers.reservation.expired', expired);
    await this.record('numbers.aging.ended', aged);
    if (expired.length || aged.length) this.logger.info({ expired: expired.length, aged: aged.length }, 'numbers back to spare');
    return { expired, aged };
  }

  private async record(action: string, released: Released[]): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const { number, tenantId } of released) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), number]);
    for (const [tenantId, numbers] of byTenant) {
      await this.audit.append({ actor: SWEEPER, tenantId, plugin: 'orders', action, outcome: 0, details: { numbers } });
    }
  }

  start(): void {
    const tick = () => {
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'the number sweep failed; it runs again at the next interval'));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMinutes * 60_000);
    // The sweep never keeps a process alive on its own.
    this.timer.unref();
  }

  /** Stops the schedule and waits for a sweep in progress, so the database can close under it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
