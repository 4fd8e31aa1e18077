import { ApiClientError, LitElement, baseStyles, defineElement, html, nothing, pageStyles, type FieldOption, type SbField, type ShellServices } from '@switchboard/sdk/web';
import type { PlanNode } from '../plan/model.js';
import type { Customer, PlanChange, PlanVersion, PlanWithVersions, Problem, WhatIf } from './answers.js';
import { tollFreeStyles } from './page-styles.js';
import type { PlanTree } from './plan-tree.js';
import { formatNumber, formatWhen, STATE_LABELS } from './words.js';
import './plan-tree.js';
import './what-if-chart.js';
import './zone-picker.js';

/** Edits are checked by the server this long after the last one, not on every keystroke. */
const VALIDATE_AFTER_MS = 350;

const WHAT_IF_DAYS: readonly FieldOption[] = [
  { value: '1', label: 'Last day' },
  { value: '7', label: 'Last 7 days' },
  { value: '14', label: 'Last 14 days' },
  { value: '30', label: 'Last 30 days' },
];

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * One routing plan (`#/toll-free/plans/<id>`): its draft in the tree editor (saved with the plan's
 * revision; a 409 keeps the edit and offers the newer plan), the problems of what is being edited
 * on their nodes and listed, activation now or at a quarter hour in the customer's zone (with
 * plans.activate), the what-if replay of real calls, and the version history with diffs in words
 * and on the tree, and rollback.
 */
export class TollFreePlanPage extends LitElement {
  static override properties = {
    shell: { attribute: false },
    rest: { attribute: false },
    loaded: { state: true },
    customer: { state: true },
    editing: { state: true },
    dirty: { state: true },
    problems: { state: true },
    loadError: { state: true },
    busy: { state: true },
    conflict: { state: true },
    diff: { state: true },
    whatIf: { state: true },
    whatIfError: { state: true },
    confirming: { state: true },
  };

  shell?: ShellServices;
  rest: string[] = [];
  protected loaded: PlanWithVersions | null = null;
  protected customer: Customer | null = null;
  /** The tree being edited: kept across saves, conflicts and reloads until saved or discarded. */
  protected editing: PlanNode | null = null;
  protected dirty = false;
  protected problems: Problem[] = [];
  protected loadError = '';
  protected busy = '';
  /** A save refused as stale: the revision now, while the edit is kept. */
  protected conflict: { revision: number } | null = null;
  protected diff: { from: number; to: number; changes: PlanChange[]; tree: PlanNode } | null = null;
  protected whatIf: WhatIf | null = null;
  protected whatIfError = '';
  /** What the confirmation dialog asks about. */
  protected confirming: { kind: 'activate'; version: number } | { kind: 'rollback'; version: number } | null = null;
  /** The revision the edit is based on: what a save names. */
  private baseRevision = 0;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private validation = 0;

  static override styles = [baseStyles, pageStyles, tollFreeStyles];

  private get planId(): string {
    return this.rest[0] ?? '';
  }

  private get canWrite(): boolean {
    return this.shell?.can('toll-free:plans.write') ?? false;
  }

  private get canActivate(): boolean {
    return this.shell?.can('toll-free:plans.activate') ?? false;
  }

  private get draft(): PlanVersion | undefined {
    return this.loaded?.versions.find((version) => version.state === 'draft');
  }

  private get active(): PlanVersion | undefined {
    return this.loaded?.versions.find((version) => version.state === 'active');
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load({ keepEdit: false });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.validateTimer);
  }

  /** Reads the plan; the tree being edited is replaced only when asked (never after a conflict). */
  private async load({ keepEdit }: { keepEdit: boolean }) {
    try {
      const api = this.shell!.api;
      const [loaded, customers] = await Promise.all([
        api.get<PlanWithVersions>(`/api/toll-free/plans/${encodeURIComponent(this.planId)}`),
        this.customer ? Promise.resolve(null) : api.get<{ customers: Customer[] }>('/api/toll-free/customers'),
      ]);
      if (customers) this.customer = customers.customers.find((c) => c.tenantId === loaded.plan.tenantId) ?? null;
      this.loaded = loaded;
      this.baseRevision = loaded.plan.revision;
      this.loadError = '';
      if (!keepEdit || !this.editing) {
        const start = this.draft ?? this.active ?? loaded.versions[0];
        this.editing = start ? structuredClone(start.plan.root) : null;
        this.problems = this.draft?.problems ?? [];
        this.dirty = false;
      }
    } catch (error) {
      this.loadError = error instanceof ApiClientError ? error.message : 'The plan could not be read.';
    }
  }

  override render() {
    if (this.loadError) {
      return html`<sb-error-state heading="The plan could not be read" message=${this.loadError} retryable @sb-retry=${() => this.load({ keepEdit: true })}></sb-error-state>`;
    }
    if (!this.loaded) return html`<p class="muted" role="status">Loading the plan…</p>`;
    const { plan } = this.loaded;
    const active = this.active;
    const scheduled = this.loaded.versions.filter((version) => version.state === 'scheduled');
    return html`<div class="stack">
      <section class="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">${plan.name}</h2>
        <p>
          Routes ${plan.numbers.map(formatNumber).join(', ')}.
          ${active ? html`<span class="badge active">Active</span> version ${active.version} since ${formatWhen(active.activatedAt)}.` : html`<span class="badge">Not active</span> No version routes calls yet.`}
          ${scheduled.map((version) => html` <span class="badge scheduled">Scheduled</span> version ${version.version} takes effect ${formatWhen(version.effectiveAt)}.`)}
        </p>
        <sb-button variant="ghost" @click=${() => this.shell!.navigate('toll-free')}>All numbers</sb-button>
      </section>
      ${this.renderConflict()} ${this.renderEditor()} ${this.renderProblemList()} ${this.canActivate ? this.renderActivation() : nothing} ${this.renderWhatIf()} ${this.renderHistory()}
      ${this.renderConfirm()}
    </div>`;
  }

  private renderConflict() {
    if (!this.conflict) return nothing;
    return html`<div class="banner danger" role="alert">
      <p><strong>Someone else saved this plan since you opened it</strong> (it is now at revision ${this.conflict.revision}). Your edit is kept here, unsaved.</p>
      <div class="row">
        <sb-button variant="primary" @click=${this.reloadKeepingEdit}>Load their changes, keep my edit</sb-button>
        <sb-button variant="danger" @click=${this.discardForTheirs}>Discard my edit</sb-button>
      </div>
    </div>`;
  }

  private renderEditor() {
    const draft = this.draft;
    const heading = draft ? `Draft (version ${draft.version})` : this.canWrite ? 'New draft' : 'Routing';
    const errors = this.problems.filter((problem) => problem.severity === 'error').length;
    return html`<section class="card" aria-labelledby="editor-heading">
      <h2 id="editor-heading">${heading}</h2>
      ${this.canWrite
        ? html`<p class="muted">
              Each branch ends in an action. Add a decision where an action is; every decision but a percent split has an Other branch for the
              calls its branches do not take.
            </p>
            <div class="toolbar">
              <sb-button variant="primary" ?busy=${this.busy === 'save'} ?disabled=${!this.dirty} @click=${this.save}>Save draft</sb-button>
              ${this.dirty ? html`<sb-button variant="ghost" @click=${this.discard}>Discard changes</sb-button>` : nothing}
              <p class="status" role="status">
                ${this.dirty ? 'Unsaved changes.' : draft ? `Saved as version ${draft.version}.` : 'No draft: edit the active version to start one.'}
                ${errors ? ` ${errors} ${errors === 1 ? 'error' : 'errors'} to fix before it can be activated.` : ''}
              </p>
            </div>`
        : nothing}
      <tf-plan-tree
        label=${heading}
        .root=${this.editing}
        .problems=${this.problems}
        .customer=${this.customer}
        .timeZone=${this.customer?.timeZone ?? browserZone()}
        ?editable=${this.canWrite}
        @tf-edit=${this.onEdit}
      ></tf-plan-tree>
    </section>`;
  }

  private renderProblemList() {
    if (!this.problems.length) return nothing;
    return html`<section class="card" aria-labelledby="problems-heading">
      <h2 id="problems-heading">Problems (${this.problems.length})</h2>
      <ul class="plain problem-list">
        ${this.problems.map(
          (problem) => html`<li class=${problem.severity}>
            <span><strong>${problem.severity === 'error' ? 'Error' : 'Warning'}:</strong> ${problem.message} <span class="where">${problem.where}</span></span>
            <sb-button variant="ghost" label=${`Show the node: ${problem.where || 'the top of the plan'}`} @click=${() => this.tree?.focusPath(problem.path)}>Show</sb-button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderActivation() {
    const draft = this.draft;
    const hasErrors = this.problems.some((problem) => problem.severity === 'error');
    const why = !draft ? 'Save a draft first.' : this.dirty ? 'Save your changes first: what is activated is the saved draft.' : hasErrors ? 'Fix the errors first.' : '';
    const zone = this.customer?.timeZone ?? browserZone();
    return html`<section class="card" aria-labelledby="activate-heading">
      <h2 id="activate-heading">Activate</h2>
      ${why ? html`<p class="muted">${why}</p>` : nothing}
      <div class="toolbar">
        <sb-button variant="primary" ?disabled=${Boolean(why)} ?busy=${this.busy === 'activate'} @click=${() => (this.confirming = { kind: 'activate', version: draft!.version })}
          >Activate ${draft ? `version ${draft.version} ` : ''}now</sb-button
        >
      </div>
      <form class="toolbar schedule" aria-label="Schedule the draft" @submit=${this.schedule}>
        <sb-field type="datetime-local" name="effectiveAt" label="Take effect at" hint="On the quarter hour" step="900" required ?disabled=${Boolean(why)}></sb-field>
        <tf-zone-picker name="timeZone" label="Time zone" .value=${zone} .preferred=${[zone]} required ?disabled=${Boolean(why)}></tf-zone-picker>
        <sb-button type="submit" ?disabled=${Boolean(why)} ?busy=${this.busy === 'schedule'}>Schedule</sb-button>
      </form>
    </section>`;
  }

  private renderWhatIf() {
    const result = this.whatIf;
    const exceeded = result?.callCenters.filter((center) => center.exceeded) ?? [];
    return html`<section class="card" aria-labelledby="what-if-heading">
      <h2 id="what-if-heading">What if</h2>
      <p class="muted">Replays your real calls to these numbers through the ${this.draft ? 'saved draft' : 'active version'} and compares with what happened.</p>
      <form class="toolbar" aria-label="Replay calls" @submit=${this.runWhatIf}>
        <sb-field type="select" name="days" label="Calls of the" .options=${WHAT_IF_DAYS} value="7"></sb-field>
        <sb-button type="submit" ?busy=${this.busy === 'what-if'}>Replay calls</sb-button>
      </form>
      ${this.whatIfError ? html`<p class="banner danger" role="alert">${this.whatIfError}</p>` : nothing}
      ${result
        ? html`<div class="stack" aria-live="polite">
            <p>
              ${result.calls.toLocaleString()} calls replayed through version ${result.version} (${STATE_LABELS[result.state]}); ${result.changed.toLocaleString()} would go
              elsewhere.${result.truncated ? ` Stopped at ${result.limit.toLocaleString()} calls: the replay covers up to ${formatWhen(result.replayedTo)}.` : ''}
            </p>
            ${exceeded.length
              ? html`<div class="banner danger" role="alert">
                  ${exceeded.map(
                    (center) => html`<p>
                      <strong>${center.label} would be over capacity:</strong> up to ${center.draft.peak} calls at once for ${center.agents} agents (at
                      ${formatWhen(center.draft.peakAt)}); ${center.draft.callsOverCapacity.toLocaleString()} calls would find every agent busy, in
                      ${center.draft.overCapacityStretches} ${center.draft.overCapacityStretches === 1 ? 'stretch' : 'stretches'}${center.draft.overCapacity[0]
                        ? `, the first from ${formatWhen(center.draft.overCapacity[0].from)} to ${formatWhen(center.draft.overCapacity[0].to)}`
                        : ''}.
                    </p>`,
                  )}
                </div>`
              : nothing}
            <tf-what-if-chart .bars=${result.destinations} label="Calls per destination" draft-name=${`Version ${result.version}`}></tf-what-if-chart>
            <ul class="plain capacity" aria-label="Call center capacity">
              ${result.callCenters.map(
                (center) => html`<li class=${center.exceeded ? 'exceeded' : ''}>
                  ${center.label}: at most ${center.draft.peak} calls at once with version ${result.version}, ${center.actual.peak} in fact;
                  ${center.agents === null ? 'agents not known' : `${center.agents} agents`}.
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
    </section>`;
  }

  private renderHistory() {
    const versions = this.loaded!.versions;
    const options: FieldOption[] = versions.map((version) => ({ value: String(version.version), label: `Version ${version.version} (${STATE_LABELS[version.state]})` }));
    const newest = versions[0]?.version ?? 1;
    return html`<section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Versions</h2>
      <div class="table-scroll">
        <table class="versions">
          <caption class="visually-hidden">Versions of this plan, newest first</caption>
          <thead>
            <tr><th scope="col">Version</th><th scope="col">State</th><th scope="col">When</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            ${versions.map(
              (version) => html`<tr>
                <th scope="row">${version.version}</th>
                <td><span class="badge ${version.state}">${STATE_LABELS[version.state]}</span></td>
                <td>${versionWhen(version)}</td>
                <td>
                  <div class="row">
                  ${version.version > 1 ? html`<sb-button variant="ghost" label=${`Changes in version ${version.version}`} @click=${() => this.compare(version.version - 1, version.version)}>Changes</sb-button>` : nothing}
                  ${this.canActivate && version.state === 'superseded' && version.activatedAt
                    ? html`<sb-button label=${`Roll back to version ${version.version}`} @click=${() => (this.confirming = { kind: 'rollback', version: version.version })}>Roll back</sb-button>`
                    : nothing}
                  </div>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${versions.length > 1
        ? html`<form class="toolbar" aria-label="Compare two versions" @submit=${this.onCompare}>
            <sb-field type="select" name="from" label="From" .options=${options} value=${String(Math.max(1, newest - 1))}></sb-field>
            <sb-field type="select" name="to" label="To" .options=${options} value=${String(newest)}></sb-field>
            <sb-button type="submit">Compare</sb-button>
          </form>`
        : nothing}
      ${this.diff ? this.renderDiff(this.diff) : nothing}
    </section>`;
  }

  private renderDiff(diff: NonNullable<TollFreePlanPage['diff']>) {
    return html`<div class="stack" aria-live="polite">
      <h3>From version ${diff.from} to version ${diff.to}</h3>
      ${diff.changes.length
        ? html`<ul class="diff-words">
            ${diff.changes.map((change) => html`<li><strong>${change.where || 'Top of the plan'}:</strong> ${change.message}</li>`)}
          </ul>`
        : html`<p>No changes.</p>`}
      <tf-plan-tree class="diff-tree" label=${`Version ${diff.to}, changes marked`} .root=${diff.tree} .changes=${diff.changes} .customer=${this.customer}></tf-plan-tree>
    </div>`;
  }

  private renderConfirm() {
    const asked = this.confirming;
    const numbers = this.loaded!.plan.numbers.map(formatNumber).join(', ');
    const label = asked?.kind === 'rollback' ? `Roll back to version ${asked.version}?` : `Activate version ${asked?.version ?? ''} now?`;
    return html`<sb-dialog label=${label} ?open=${asked !== null} @sb-close=${() => (this.confirming = null)}>
      <p>${asked?.kind === 'rollback' ? `Its routing becomes a new version, active at once` : `Calls to ${numbers} follow it at once`}; the version active now is kept in the history.</p>
      <sb-button slot="footer" @click=${() => (this.confirming = null)}>Cancel</sb-button>
      <sb-button slot="footer" variant="primary" @click=${this.confirm}>${asked?.kind === 'rollback' ? 'Roll back' : 'Activate'}</sb-button>
    </sb-dialog>`;
  }

  private get tree(): PlanTree | null {
    return this.renderRoot.querySelector('tf-plan-tree:not(.diff-tree)');
  }

  private onEdit(event: CustomEvent<{ root: PlanNode }>) {
    this.editing = event.detail.root;
    this.dirty = true;
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), VALIDATE_AFTER_MS);
  }

  /** The server's word on the tree as it is now; an answer to an older edit is dropped. */
  private async validate() {
    if (!this.editing || !this.canWrite) return;
    const asked = ++this.validation;
    try {
      const answer = await this.shell!.api.post<{ problems: Problem[] }>(`/api/toll-free/plans/${this.planId}/validate`, { plan: { root: this.editing } });
      if (asked === this.validation) this.problems = answer.problems;
    } catch (error) {
      if (asked === this.validation) this.shell!.toast(messageOf(error, 'The plan could not be checked.'), 'error');
    }
  }

  private save = async () => {
    if (!this.editing || this.busy) return;
    this.busy = 'save';
    clearTimeout(this.validateTimer);
    try {
      const answer = await this.shell!.api.put<{ version: PlanVersion; problems: Problem[] }>(`/api/toll-free/plans/${this.planId}/draft`, { revision: this.baseRevision, plan: { root: this.editing } });
      this.problems = answer.problems;
      this.conflict = null;
      const saved = this.editing;
      await this.load({ keepEdit: true });
      this.dirty = this.editing !== saved;
      const errors = answer.problems.filter((problem) => problem.severity === 'error').length;
      this.shell!.toast(errors ? `Saved as version ${answer.version.version}, with ${errors} ${errors === 1 ? 'error' : 'errors'} to fix before activating.` : `Saved as version ${answer.version.version}.`, errors ? 'warning' : 'success');
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 409 && error.code === 'stale_revision') {
        const now = await this.shell!.api.get<PlanWithVersions>(`/api/toll-free/plans/${this.planId}`).catch(() => null);
        this.conflict = { revision: now?.plan.revision ?? this.baseRevision + 1 };
      } else this.shell!.toast(messageOf(error, 'The draft could not be saved.'), 'error');
    } finally {
      this.busy = '';
    }
  };

  private discard = () => {
    const start = this.draft ?? this.active;
    this.editing = start ? structuredClone(start.plan.root) : this.editing;
    this.problems = this.draft?.problems ?? [];
    this.dirty = false;
  };

  /** After a conflict: the newer plan's versions and revision, the edit kept on top (saving it then saves over theirs, knowingly). */
  private reloadKeepingEdit = async () => {
    await this.load({ keepEdit: true });
    this.conflict = null;
    this.shell!.toast('Their changes are loaded; your edit is kept. Compare the versions, then save.', 'info');
  };

  private discardForTheirs = async () => {
    this.conflict = null;
    await this.load({ keepEdit: false });
  };

  private confirm = async () => {
    const asked = this.confirming;
    this.confirming = null;
    if (!asked) return;
    if (asked.kind === 'activate') await this.change('activate', 'activate', { revision: this.baseRevision, version: asked.version }, `Version ${asked.version} is active: calls follow it now.`);
    else await this.change('rollback', 'rollback', { revision: this.baseRevision, toVersion: asked.version }, `Rolled back: version ${asked.version}'s routing is active again.`);
  };

  private schedule = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const when = form.querySelector<SbField>('sb-field[name="effectiveAt"]')!;
    const zone = form.querySelector('tf-zone-picker')!;
    if (!when.reportValidity() || !zone.reportValidity()) return;
    const draft = this.draft!;
    await this.change('schedule', 'activate', { revision: this.baseRevision, version: draft.version, effectiveAt: when.value, timeZone: zone.value }, `Version ${draft.version} is scheduled for ${when.value.replace('T', ' ')} ${zone.value}.`, form);
  };

  /** Activation, scheduling and rollback: the answer's field errors go on the form's fields, the rest to a message. */
  private async change(busy: string, action: 'activate' | 'rollback', body: Record<string, unknown>, done: string, form?: HTMLFormElement) {
    if (this.busy) return;
    this.busy = busy;
    try {
      await this.shell!.api.post(`/api/toll-free/plans/${this.planId}/${action}`, body);
      await this.load({ keepEdit: this.dirty });
      this.shell!.toast(done, 'success');
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 409 && error.code === 'stale_revision') this.conflict = { revision: this.baseRevision + 1 };
      const fields = error instanceof ApiClientError ? error.fields : [];
      for (const field of fields) {
        const target = form?.querySelector<HTMLElement & { error: string }>(`[name="${field.field.replace(/^body\./, '')}"]`);
        if (target) target.error = field.message;
      }
      this.shell!.toast(messageOf(error, 'That did not work.'), 'error');
    } finally {
      this.busy = '';
    }
  }

  private runWhatIf = async (event: SubmitEvent) => {
    event.preventDefault();
    const days = (event.currentTarget as HTMLFormElement).querySelector('sb-field')!.value;
    this.busy = 'what-if';
    this.whatIfError = '';
    try {
      this.whatIf = await this.shell!.api.get<WhatIf>(`/api/toll-free/plans/${this.planId}/what-if`, { query: { days } });
    } catch (error) {
      this.whatIf = null;
      this.whatIfError = messageOf(error, 'The calls could not be replayed.');
    } finally {
      this.busy = '';
    }
  };

  private onCompare = (event: SubmitEvent) => {
    event.preventDefault();
    const [from, to] = [...(event.currentTarget as HTMLFormElement).querySelectorAll('sb-field')].map((field) => Number(field.value));
    void this.compare(from!, to!);
  };

  private async compare(from: number, to: number) {
    try {
      const answer = await this.shell!.api.get<{ changes: PlanChange[] }>(`/api/toll-free/plans/${this.planId}/diff`, { query: { from, to } });
      const tree = this.loaded!.versions.find((version) => version.version === to)!.plan.root;
      this.diff = { from, to, changes: answer.changes, tree };
    } catch (error) {
      this.shell!.toast(messageOf(error, 'The versions could not be compared.'), 'error');
    }
  }
}

function versionWhen(version: PlanVersion): string {
  if (version.state === 'scheduled') return `Takes effect ${formatWhen(version.effectiveAt)}`;
  if (version.state === 'draft') return `Saved ${formatWhen(version.createdAt)}`;
  if (version.state === 'active') return `Active since ${formatWhen(version.activatedAt)}`;
  return version.activatedAt ? `Active ${formatWhen(version.activatedAt)} to ${formatWhen(version.supersededAt)}` : `Never active (saved ${formatWhen(version.createdAt)})`;
}

/** An error in words: the server's message with its fields' messages. */
export function messageOf(error: unknown, fallback: string): string {
  if (!(error instanceof ApiClientError)) return fallback;
  return [error.message, ...error.fields.map((field) => field.message)].join(' ');
}

defineElement('toll-free-plan-page', TollFreePlanPage);
