import { LitElement, baseStyles, defineElement, html, nothing, pageStyles, type FieldOption, type TemplateResult } from '@switchboard/sdk/web';
import { DAYS_OF_WEEK, isDecision, type ActionNode, type DayOfWeek, type DecisionNode, type DecisionType, type PlanNode } from '../plan/model.js';
import type { Customer, PlanChange, Problem } from './answers.js';
import { textOfValues, VALUE_FIELDS, valuesFromText } from './branch-values.js';
import { MAX_LABEL_LENGTH } from '../plan/limits.js';
import { actionText, nodeKindText } from './destination-text.js';
import { ACTION_KINDS, actionFromChoice, actionKindOf, destinationOptions } from './action-choice.js';
import { addDecision, changeKind, DECISION_KINDS, removeBranch, removeDecision, setAction, splitBranch, updateBranch, updateNode } from './tree-edit.js';
import { describeZone } from './time-zones.js';
import { treeStyles } from './tree-styles.js';
import './zone-picker.js';
import { locate, pathOf, sameSteps, type Step } from './tree-paths.js';

const DAY_NAMES: Record<DayOfWeek, string> = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' };

/** A problem placed on the tree: at a node, or at one of its branches. */
interface PlacedProblem extends Problem {
  steps: Step[];
  branch: number | null;
}

/**
 * A routing plan as a tree a network manager can read and edit without a mouse: nested lists of
 * nodes, each a card with a heading, real fields and buttons. Decisions show their kind, their
 * branches' values (a percent split its live sum) and Other; actions their destination. Problems
 * the server found are shown on the node (or branch) their path names; changes of a diff are
 * marked on the node they concern. Every edit fires `tf-edit` with the whole new tree; the page
 * holds the tree.
 */
export class PlanTree extends LitElement {
  static override properties = {
    root: { attribute: false },
    problems: { attribute: false },
    changes: { attribute: false },
    customer: { attribute: false },
    editable: { type: Boolean },
    timeZone: { attribute: false },
    label: {},
  };

  root: PlanNode | null = null;
  problems: Problem[] = [];
  changes: PlanChange[] = [];
  customer: Customer | null = null;
  editable = false;
  /** The zone new clock decisions start in (the customer's). */
  timeZone = 'America/Chicago';
  /** The tree's accessible name. */
  label = 'Routing plan';

  static override styles = [baseStyles, pageStyles, treeStyles];

  private placed: PlacedProblem[] = [];

  protected override willUpdate(): void {
    this.placed = this.problems.flatMap((problem) => {
      const at = locate(problem.path);
      return at ? [{ ...problem, ...at }] : [];
    });
  }

  override render() {
    if (!this.root) return nothing;
    return html`<ul class="tree" aria-label=${this.label}>
      <li>${this.renderNode(this.root, [])}</li>
    </ul>`;
  }

  private renderNode(node: PlanNode, steps: Step[]): TemplateResult {
    const problems = this.placed.filter((problem) => problem.branch === null && sameSteps(problem.steps, steps));
    const changes = this.changes.filter((change) => change.nodeId === node.id);
    const hasError = problems.some((problem) => problem.severity === 'error');
    const kind = nodeKindText(node, this.customer, DECISION_KINDS);
    const headingId = `node-${pathOf(steps).replace(/[^a-z0-9]+/gi, '-')}`;
    return html`<section class="node ${hasError ? 'has-error' : ''} ${changes.length ? 'changed' : ''}" aria-labelledby=${headingId} data-path=${pathOf(steps)} data-node-id=${node.id}>
      <div class="node-head">
        <h3 id=${headingId} tabindex="-1">${node.label ? html`${node.label} <span class="node-kind"><span aria-hidden="true">· </span>${kind}</span>` : kind}</h3>
        <span class="node-id">${node.id}</span>
      </div>
      ${changes.map((change) => html`<p class="change-note">Changed: ${change.message}</p>`)} ${this.renderProblems(problems)}
      ${isDecision(node) ? this.renderDecision(node, steps) : this.renderAction(node, steps)}
    </section>`;
  }

  private renderProblems(problems: Problem[]) {
    if (!problems.length) return nothing;
    return html`<ul class="problems" aria-label="Problems here">
      ${problems.map((problem) => html`<li class=${problem.severity}>${problem.severity === 'error' ? 'Error' : 'Warning'}: ${problem.message}</li>`)}
    </ul>`;
  }

  private renderDecision(node: DecisionNode, steps: Step[]) {
    const kinds: FieldOption[] = DECISION_KINDS.map((kind) => ({ value: kind.type, label: kind.label }));
    const sum = node.type === 'percent' ? node.branches.reduce((total, branch) => total + (Number.isFinite(branch.percent) ? branch.percent : 0), 0) : null;
    return html`${this.editable
        ? html`<div class="controls">
            ${this.renderLabelField(node, steps)}
            <sb-field type="select" name="kind" label="Decides by" .options=${kinds} value=${node.type} @change=${(event: Event) => this.edit(changeKind(this.root!, steps, fieldValue(event) as DecisionType, this.timeZone))}></sb-field>
            ${'timeZone' in node
              ? html`<tf-zone-picker
                  name="timeZone"
                  label="Time zone"
                  hint="Type to filter"
                  .value=${node.timeZone}
                  .preferred=${[this.timeZone]}
                  @change=${(event: Event) => this.edit(updateNode(this.root!, steps, { timeZone: fieldValue(event).trim() }))}
                ></tf-zone-picker>`
              : nothing}
            <sb-button @click=${() => this.edit(splitBranch(this.root!, steps, node.branches.length - 1))}>Add branch</sb-button>
            <sb-button variant="danger" @click=${() => this.edit(removeDecision(this.root!, steps))}>Remove decision</sb-button>
          </div>`
        : 'timeZone' in node
          ? html`<p class="muted">On the clock of ${node.timeZone}${offsetNow(node.timeZone)}.</p>`
          : nothing}
      ${sum === null
        ? nothing
        : html`<p class="sum ${sum === 100 ? 'good' : 'bad'}" role="status">${sum} % of 100 %${sum === 100 ? '' : sum < 100 ? ` — ${100 - sum} % short` : ` — ${sum - 100} % too many`}</p>`}
      <ul class="branches">
        ${node.branches.map((_, index) => this.renderBranch(node, steps, index))}
        ${node.type === 'percent' || !node.other
          ? node.type === 'percent' ? nothing : html`<li class="branch other"><div class="branch-head"><span class="branch-name">Other: missing</span></div></li>`
          : html`<li class="branch other">
              <div class="branch-head"><span class="branch-name">Other (every call no branch takes)</span></div>
              <div class="branch-body">${this.renderNode(node.other, [...steps, 'other'])}</div>
            </li>`}
      </ul>`;
  }

  /** The network manager's own short name for a node, shown as its title (what the node is stays beside it). */
  private renderLabelField(node: PlanNode, steps: Step[]) {
    return html`<sb-field
      name="label"
      label="Label (optional)"
      placeholder=${isDecision(node) ? 'e.g. East coast, After hours' : 'e.g. Overflow'}
      maxlength=${MAX_LABEL_LENGTH}
      value=${node.label ?? ''}
      @change=${(event: Event) => this.edit(updateNode(this.root!, steps, { label: fieldValue(event).trim() }))}
    ></sb-field>`;
  }

  private renderBranch(node: DecisionNode, steps: Step[], index: number) {
    const branch = node.branches[index]!;
    const problems = this.placed.filter((problem) => problem.branch === index && sameSteps(problem.steps, steps));
    const name = `Branch ${index + 1}`;
    return html`<li class="branch" data-branch=${index}>
      <div class="branch-head" role="group" aria-label=${name}>
        <span class="branch-name">${name}</span>
        ${this.editable ? this.renderBranchValues(node, steps, index) : html`<span>${node.type === 'percent' && 'percent' in branch ? `${branch.percent} %` : textOfValues(branch) || '(no values)'}</span>`}
        ${this.editable
          ? html`<sb-button label=${`Split ${name.toLowerCase()}`} @click=${() => this.edit(splitBranch(this.root!, steps, index))}>Split</sb-button>
              <sb-button variant="ghost" label=${`Remove ${name.toLowerCase()}`} ?disabled=${node.branches.length <= 1} @click=${() => this.edit(removeBranch(this.root!, steps, index))}>Remove</sb-button>`
          : nothing}
      </div>
      ${this.renderProblems(problems)}
      <div class="branch-body">${this.renderNode(branch.next, [...steps, index])}</div>
    </li>`;
  }

  private renderBranchValues(node: DecisionNode, steps: Step[], index: number) {
    const branch = node.branches[index]!;
    if (node.type === 'percent' && 'percent' in branch) {
      return html`<sb-field
        class="percent"
        type="number"
        name="percent"
        label="Percent"
        min="0"
        max="100"
        step="1"
        required
        value=${String(branch.percent)}
        @input=${(event: Event) => {
          const text = fieldValue(event);
          const percent = Number(text);
          // A field being cleared to type anew is not a value yet; out of range ones the field itself refuses.
          if (text.trim() !== '' && Number.isFinite(percent) && percent >= 0 && percent <= 100) this.edit(updateBranch(this.root!, steps, index, { percent }));
        }}
      ></sb-field>`;
    }
    if (node.type === 'day-of-week' && 'days' in branch) {
      return html`<fieldset class="days">
        <legend>Days</legend>
        ${DAYS_OF_WEEK.map(
          (day) => html`<label
            ><input
              type="checkbox"
              .checked=${branch.days.includes(day)}
              @change=${(event: Event) => {
                const on = (event.target as HTMLInputElement).checked;
                const days = DAYS_OF_WEEK.filter((d) => (d === day ? on : branch.days.includes(d)));
                this.edit(updateBranch(this.root!, steps, index, { days }));
              }}
            />${DAY_NAMES[day]}</label
          >`,
        )}
      </fieldset>`;
    }
    const field = VALUE_FIELDS[node.type]!;
    return html`<sb-field name="values" label=${field.label} hint=${field.hint} value=${textOfValues(branch)} @change=${(event: Event) => this.edit(updateBranch(this.root!, steps, index, valuesFromText(node.type, fieldValue(event))))}></sb-field>`;
  }

  private renderAction(node: ActionNode, steps: Step[]) {
    if (!this.editable) return nothing;
    const kind = actionKindOf(node);
    const kinds: FieldOption[] = ACTION_KINDS.map((k) => ({ value: k.value, label: k.label }));
    const target = node.type === 'route' ? (node.destination.type === 'call-center' ? node.destination.callCenterId : node.destination.type === 'number' ? node.destination.number : node.destination.uri) : node.type === 'announce' ? node.announcementId : '';
    const change = (choice: string, value: string) => this.edit(setAction(this.root!, steps, actionFromChoice(choice, value, this.customer)));
    const pick = destinationOptions(kind, this.customer);
    return html`<div class="controls">
        ${this.renderLabelField(node, steps)}
        <sb-field type="select" name="action" label="Then" .options=${kinds} value=${kind} @change=${(event: Event) => change(fieldValue(event), '')}></sb-field>
        ${pick === null
          ? nothing
          : pick.options
            ? html`<sb-field type="select" name="target" label=${pick.label} .options=${pick.options} value=${target} @change=${(event: Event) => change(kind, fieldValue(event))}></sb-field>`
            : html`<sb-field name="target" label=${pick.label} hint=${pick.hint ?? ''} value=${target} @change=${(event: Event) => change(kind, fieldValue(event).trim())}></sb-field>`}
      </div>
      <form class="controls" aria-label=${`Add a decision before “${actionText(node, this.customer)}”`} @submit=${(event: SubmitEvent) => this.onAddDecision(event, steps)}>
        <sb-field type="select" name="decision" label="Add a decision here" .options=${DECISION_KINDS.map((k) => ({ value: k.type, label: k.label }))} value="percent"></sb-field>
        <sb-button type="submit">Add decision</sb-button>
      </form>`;
  }

  private onAddDecision(event: SubmitEvent, steps: Step[]) {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).querySelector('sb-field')!;
    this.edit(addDecision(this.root!, steps, field.value as DecisionType, this.timeZone));
    // The new decision's heading takes the focus, so a keyboard user goes on from where the change is.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`section[data-path="${pathOf(steps)}"] h3`)?.focus());
  }

  /** Moves the focus to the node a path names (a problem's), scrolling it into view. */
  focusPath(path: string): void {
    const at = locate(path);
    if (!at) return;
    const heading = this.renderRoot.querySelector<HTMLElement>(`section[data-path="${pathOf(at.steps)}"] h3`);
    heading?.scrollIntoView({ block: 'center' });
    heading?.focus();
  }

  private edit(root: PlanNode) {
    if (root === this.root) return;
    this.dispatchEvent(new CustomEvent('tf-edit', { detail: { root }, bubbles: true, composed: true }));
  }
}

const fieldValue = (event: Event) => (event.target as HTMLInputElement).value;

/** ` (UTC-06:00 now)`, or nothing for a zone the browser does not know. */
function offsetNow(zone: string): string {
  const now = describeZone(zone, new Date());
  return now ? ` (${now.offset} now)` : '';
}

defineElement('tf-plan-tree', PlanTree);

declare global {
  interface HTMLElementTagNameMap {
    'tf-plan-tree': PlanTree;
  }
}
