import type { AuditLog, Logger } from '@switchboard/sdk';
import type { Activation, PlanStore } from './plan-store.js';
import type { RoutingChanges } from './routing-changes.js';

/** Who takes scheduled versions live, for the audit trail. */
export const SCHEDULER_ACTOR = { kind: 'system', subject: 'toll-free-scheduler', name: 'Toll-free scheduler' } as const;

/**
 * Takes scheduled plan versions live when their time comes. Every host process runs one: the store
 * claims each version by its state change, so two processes ticking at once activate it once.
 * The time is the store's clock, so a test moves that clock and calls tick() instead of waiting.
 */
export class PlanScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<Activation[]> | null = null;

  constructor(
    private readonly plans: PlanStore,
    private readonly changes: RoutingChanges,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'the plan scheduler failed; it tries again on its next tick'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  /** Activates what is due now; a tick while one runs shares it. Answers the versions this process took live. */
  tick(): Promise<Activation[]> {
    this.ticking ??= this.activateDue().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async activateDue(): Promise<Activation[]> {
    const activated = await this.plans.activateDue();
    for (const activation of activated) {
      await this.audit.append({
        actor: SCHEDULER_ACTOR,
        tenantId: activation.tenantId,
        plugin: 'toll-free',
        action: 'plan.activate.scheduled',
        resource: activation.planId,
        outcome: 0,
        details: { version: activation.version, numbers: activation.numbers },
      });
      await this.changes.changed({ tenantId: activation.tenantId, why: 'schedule-due', planId: activation.planId, version: activation.version });
    }
    return activated;
  }
}
