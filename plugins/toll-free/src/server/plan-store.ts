import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { conflict, notFound, unprocessable, type Clock, type PluginStorage } from '@switchboard/sdk';
import type { RoutingPlan } from '../plan/model.js';
import { hasErrors, type PlanProblem } from '../plan/problems.js';
import { toPlanVersion, toStoredPlan, type PlanRow, type PlanVersion, type StoredPlan, type VersionRow } from './plan-rows.js';
import { TABLES } from './tables.js';
import { isUniqueViolation } from './unique-violation.js';

/** Who is asking: the tenants whose plans they may see (their tenant subtree), and who they are, for the record. */
export interface Actor {
  tenants: readonly string[];
  by: string;
}

/** A version that took effect, for the routing table and the event bus. */
export interface Activation {
  planId: string;
  tenantId: string;
  version: number;
  numbers: string[];
}

/** A number taken off the plan that routed it: which plan, and the versions that were routing it or about to. */
export interface Detachment {
  planId: string;
  tenantId: string;
  number: string;
  /** The plan's numbers after the detachment. */
  numbers: string[];
  activeVersion: number | null;
  scheduledVersions: number[];
}

/** A plan with where its versions stand: what lists of plans and numbers show. */
export interface PlanSummary extends StoredPlan {
  activeVersion: number | null;
  draftVersion: number | null;
  scheduled: Array<{ version: number; effectiveAt: string }>;
}

/** Problems of a plan about to be scheduled or activated: what validatePlan answers, with the customer's own destinations. */
export type PlanValidator = (plan: RoutingPlan, tenantId: string) => Promise<PlanProblem[]> | PlanProblem[];

/**
 * Routing plans and their versions. Every change names the plan's revision it was based on and
 * bumps it, in one transaction with the change, so of two edits based on the same read the second
 * gets 409 (`stale_revision`) and changes nothing. A plan of another tenant is answered exactly
 * like one that does not exist.
 */
export class PlanStore {
  constructor(
    private readonly storage: PluginStorage,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** A new plan whose version 1 is a draft of `plan`, routing `numbers` (none of them routed by another plan yet). */
  async create(actor: Actor, input: { tenantId: string; name: string; plan: RoutingPlan; numbers: string[] }): Promise<StoredPlan> {
    const id = randomUUID();
    const now = this.now();
    try {
      await this.storage.knex.transaction(async (trx) => {
        await this.attach(trx, id, input.tenantId, input.numbers);
        await trx(this.storage.table(TABLES.plans)).insert({ id, tenant_id: input.tenantId, name: input.name, revision: 1, created_at: now, updated_at: now });
        await trx(this.storage.table(TABLES.versions)).insert(this.versionRow(id, 1, input.tenantId, 'draft', input.plan, actor.by, now));
      });
    } catch (error) {
      // Another plan claimed one of the numbers between the check and the insert.
      if (isUniqueViolation(error)) throw numbersTaken(input.numbers);
      throw error;
    }
    return (await this.get(actor, id))!;
  }

  async get(actor: Actor, planId: string): Promise<StoredPlan | null> {
    const row = (await this.storage.from(TABLES.plans).where({ id: planId }).whereIn('tenant_id', [...actor.tenants]).first()) as PlanRow | undefined;
    if (!row) return null;
    const numbers = (await this.storage.from(TABLES.numbers).where({ plan_id: planId }).orderBy('number').pluck('number')) as string[];
    return toStoredPlan(row, numbers);
  }

  /** The actor's tenants' plans, by name, with where their versions stand. */
  async list(actor: Pick<Actor, 'tenants'>): Promise<PlanSummary[]> {
    const plans = (await this.storage.from(TABLES.plans).whereIn('tenant_id', [...actor.tenants]).orderBy(['name', 'id'])) as PlanRow[];
    if (!plans.length) return [];
    const ids = plans.map((plan) => plan.id);
    const numbers = (await this.storage.from(TABLES.numbers).whereIn('plan_id', ids).orderBy('number').select('plan_id', 'number')) as Array<{ plan_id: string; number: string }>;
    const versions = (await this.storage.from(TABLES.versions).whereIn('plan_id', ids).whereNot({ state: 'superseded' }).orderBy('version').select('plan_id', 'version', 'state', 'effective_at')) as Array<Pick<VersionRow, 'plan_id' | 'version' | 'state' | 'effective_at'>>;
    return plans.map((row) => {
      const own = versions.filter((version) => version.plan_id === row.id);
      const numbered = (state: VersionRow['state']) => own.filter((version) => version.state === state).map((version) => Number(version.version));
      return {
        ...toStoredPlan(row, numbers.filter((n) => n.plan_id === row.id).map((n) => n.number)),
        activeVersion: numbered('active')[0] ?? null,
        draftVersion: numbered('draft')[0] ?? null,
        scheduled: own.filter((version) => version.state === 'scheduled').map((version) => ({ version: Number(version.version), effectiveAt: version.effective_at! })),
      };
    });
  }

  /** The plan's versions, newest first. */
  async versions(actor: Actor, planId: string): Promise<PlanVersion[]> {
    if (!(await this.get(actor, planId))) throw notFound('No such routing plan.');
    const rows = (await this.storage.from(TABLES.versions).where({ plan_id: planId }).orderBy('version', 'desc')) as VersionRow[];
    return rows.map(toPlanVersion);
  }

  /**
   * Saves the working draft: the plan's draft version changes in place, or, when it has none
   * (its last draft was scheduled or activated), a new draft version starts.
   */
  async saveDraft(actor: Actor, planId: string, input: { revision: number; plan: RoutingPlan }): Promise<PlanVersion> {
    return this.change(actor, planId, input.revision, async (trx, plan) => {
      const draft = (await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, state: 'draft' }).orderBy('version', 'desc').first('version')) as { version: number } | undefined;
      if (draft) {
        await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, version: draft.version }).update({ tree: JSON.stringify(input.plan), created_by: actor.by, created_at: this.now() });
        return Number(draft.version);
      }
      const version = ((await this.newestVersion(trx, planId))?.version ?? 0) + 1;
      await trx(this.storage.table(TABLES.versions)).insert(this.versionRow(planId, version, plan.tenant_id, 'draft', input.plan, actor.by, this.now()));
      return version;
    });
  }

  /**
   * Activates a draft now, or schedules it for `effectiveAt` when that is still ahead. A plan with
   * errors is refused (422 `plan_invalid`, the problems as fields): it may stay a draft, never go
   * live.
   */
  async activate(actor: Actor, planId: string, input: { revision: number; version: number; effectiveAt?: string | null }, validate: PlanValidator): Promise<PlanVersion> {
    return this.change(actor, planId, input.revision, async (trx, plan) => {
      const row = (await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, version: input.version }).first()) as VersionRow | undefined;
      if (!row) throw notFound(`Version ${input.version} of this plan does not exist.`);
      if (row.state !== 'draft') throw conflict(`Version ${input.version} is ${row.state}; only a draft can be scheduled or activated.`, 'not_a_draft');
      await this.refuseInvalid(toPlanVersion(row).plan, plan.tenant_id, validate);
      const now = this.now();
      const effectiveAt = input.effectiveAt ?? now;
      if (effectiveAt > now) await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, version: input.version }).update({ state: 'scheduled', effective_at: effectiveAt });
      else await this.makeActive(trx, planId, input.version, now);
      return input.version;
    });
  }

  /**
   * Rolls back to an earlier version: its tree becomes a new version, active now (checked again,
   * since what the customer owns may have changed since), and the history stays as it was.
   */
  async rollback(actor: Actor, planId: string, input: { revision: number; toVersion: number }, validate: PlanValidator): Promise<PlanVersion> {
    return this.change(actor, planId, input.revision, async (trx, plan) => {
      const earlier = (await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, version: input.toVersion }).first()) as VersionRow | undefined;
      if (!earlier) throw notFound(`Version ${input.toVersion} of this plan does not exist.`);
      if (earlier.state === 'draft' || earlier.state === 'scheduled') throw conflict(`Version ${input.toVersion} was never active; activate it rather than roll back to it.`, 'never_active');
      await this.refuseInvalid(toPlanVersion(earlier).plan, plan.tenant_id, validate);
      const newest = await this.newestVersion(trx, planId);
      const version = newest!.version + 1;
      const now = this.now();
      await trx(this.storage.table(TABLES.versions)).insert(this.versionRow(planId, version, plan.tenant_id, 'draft', toPlanVersion(earlier).plan, actor.by, now));
      await this.makeActive(trx, planId, version, now);
      return version;
    });
  }

  /**
   * Activates the scheduled versions whose time has come, oldest first, each in its own
   * transaction; what the scheduler calls on its tick, on any host process (a version another
   * process activated first is skipped).
   */
  async activateDue(): Promise<Activation[]> {
    const now = this.now();
    const due = (await this.storage.from(TABLES.versions).where({ state: 'scheduled' }).where('effective_at', '<=', now).orderBy('effective_at').select('plan_id', 'version', 'tenant_id')) as Pick<VersionRow, 'plan_id' | 'version' | 'tenant_id'>[];
    const activated: Activation[] = [];
    for (const row of due) {
      const done = await this.storage.knex.transaction(async (trx) => {
        // Claimed by the state change itself: another process activating it too finds it no longer scheduled.
        const claimed = await trx(this.storage.table(TABLES.versions)).where({ plan_id: row.plan_id, version: row.version, state: 'scheduled' }).update({ state: 'active', activated_at: now });
        if (!claimed) return false;
        await this.supersedeOthers(trx, row.plan_id, Number(row.version), now);
        await trx(this.storage.table(TABLES.plans)).where({ id: row.plan_id }).update({ revision: trx.raw('?? + 1', ['revision']), updated_at: now });
        return true;
      });
      if (done) activated.push({ planId: row.plan_id, tenantId: row.tenant_id, version: Number(row.version), numbers: await this.numbersOf(row.plan_id) });
    }
    return activated;
  }

  /**
   * Takes a number off the plan of `tenantId` that routes it, for every version at once: a plan's
   * numbers belong to the plan, not to its versions, so its active and scheduled versions stop
   * routing the number together and the history stays as it was. The plan's revision is bumped, so
   * an edit based on a read from before is refused rather than taken as made with the number.
   * Answers null, and changes nothing, when no plan of that tenant routes it (already detached, or
   * the number has since gone to another customer), or when the plan was made after `notAfter`:
   * the number was given to the customer again and planned anew after the disconnection.
   */
  async detachNumber(input: { number: string; tenantId: string; notAfter: string }): Promise<Detachment | null> {
    return this.storage.knex.transaction(async (trx) => {
      const attached = (await trx(this.storage.table(TABLES.numbers)).where({ number: input.number, tenant_id: input.tenantId }).first('plan_id')) as { plan_id: string } | undefined;
      if (!attached) return null;
      const planId = attached.plan_id;
      const plan = (await trx(this.storage.table(TABLES.plans)).where({ id: planId }).first('created_at')) as Pick<PlanRow, 'created_at'> | undefined;
      if (!plan || plan.created_at > input.notAfter) return null;
      await trx(this.storage.table(TABLES.numbers)).where({ number: input.number, plan_id: planId }).delete();
      await trx(this.storage.table(TABLES.plans)).where({ id: planId }).update({ revision: trx.raw('?? + 1', ['revision']), updated_at: this.now() });
      const versions = (await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId }).whereIn('state', ['active', 'scheduled']).orderBy('version').select('version', 'state')) as Array<Pick<VersionRow, 'version' | 'state'>>;
      const numbers = (await trx(this.storage.table(TABLES.numbers)).where({ plan_id: planId }).orderBy('number').pluck('number')) as string[];
      return {
        planId,
        tenantId: input.tenantId,
        number: input.number,
        numbers,
        activeVersion: versions.filter((row) => row.state === 'active').map((row) => Number(row.version))[0] ?? null,
        scheduledVersions: versions.filter((row) => row.state === 'scheduled').map((row) => Number(row.version)),
      };
    });
  }

  /** Every active version with its numbers: what the routing table is built from at start. */
  async activeVersions(): Promise<Array<Activation & { plan: RoutingPlan }>> {
    const rows = (await this.storage.from(TABLES.versions).where({ state: 'active' })) as VersionRow[];
    return Promise.all(rows.map(async (row) => ({ planId: row.plan_id, tenantId: row.tenant_id, version: Number(row.version), numbers: await this.numbersOf(row.plan_id), plan: toPlanVersion(row).plan })));
  }

  /** One change to a plan: the revision checked and bumped in the same transaction, the changed version answered. */
  private async change(actor: Actor, planId: string, revision: number, apply: (trx: Knex.Transaction, plan: PlanRow) => Promise<number>): Promise<PlanVersion> {
    const version = await this.storage.knex.transaction(async (trx) => {
      const plan = (await trx(this.storage.table(TABLES.plans)).where({ id: planId }).whereIn('tenant_id', [...actor.tenants]).first()) as PlanRow | undefined;
      if (!plan) throw notFound('No such routing plan.');
      const bumped = await trx(this.storage.table(TABLES.plans)).where({ id: planId, revision }).update({ revision: revision + 1, updated_at: this.now() });
      if (!bumped)
        throw conflict(`The plan has changed since revision ${revision} (it is at revision ${Number(plan.revision)}); reload it and make your change again.`, 'stale_revision');
      return apply(trx, plan);
    });
    const row = (await this.storage.from(TABLES.versions).where({ plan_id: planId, version }).first()) as VersionRow;
    return toPlanVersion(row);
  }

  /** The version becomes the plan's active one, effective now; the one active before it is superseded. */
  private async makeActive(trx: Knex.Transaction, planId: string, version: number, now: string): Promise<void> {
    await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, version }).update({ state: 'active', activated_at: now, effective_at: now });
    await this.supersedeOthers(trx, planId, version, now);
  }

  private async supersedeOthers(trx: Knex.Transaction, planId: string, version: number, now: string): Promise<void> {
    await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId, state: 'active' }).whereNot({ version }).update({ state: 'superseded', superseded_at: now });
  }

  private async refuseInvalid(plan: RoutingPlan, tenantId: string, validate: PlanValidator): Promise<void> {
    const problems = await validate(plan, tenantId);
    if (hasErrors(problems)) {
      const errors = problems.filter((problem) => problem.severity === 'error');
      throw unprocessable(`The plan has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix ${errors.length === 1 ? 'it' : 'them'} before activating.`, errors.map((problem) => ({ field: problem.path, message: `${problem.where}: ${problem.message}` })), 'plan_invalid');
    }
  }

  private async attach(trx: Knex.Transaction, planId: string, tenantId: string, numbers: string[]): Promise<void> {
    if (!numbers.length) return;
    const taken = (await trx(this.storage.table(TABLES.numbers)).whereIn('number', numbers).pluck('number')) as string[];
    if (taken.length) throw numbersTaken(taken);
    await trx(this.storage.table(TABLES.numbers)).insert(numbers.map((number) => ({ number, plan_id: planId, tenant_id: tenantId })));
  }

  private async newestVersion(trx: Knex.Transaction, planId: string): Promise<{ version: number } | undefined> {
    const row = (await trx(this.storage.table(TABLES.versions)).where({ plan_id: planId }).orderBy('version', 'desc').first('version')) as { version: number } | undefined;
    return row && { version: Number(row.version) };
  }

  private async numbersOf(planId: string): Promise<string[]> {
    return (await this.storage.from(TABLES.numbers).where({ plan_id: planId }).orderBy('number').pluck('number')) as string[];
  }

  private versionRow(planId: string, version: number, tenantId: string, state: VersionRow['state'], plan: RoutingPlan, by: string, now: string): VersionRow {
    return { plan_id: planId, version, tenant_id: tenantId, state, tree: JSON.stringify(plan), effective_at: null, created_by: by, created_at: now, activated_at: null, superseded_at: null };
  }
}

const numbersTaken = (numbers: string[]) => conflict(`${numbers.join(', ')} ${numbers.length === 1 ? 'is' : 'are'} already routed by another plan.`, 'number_has_plan');
