import { LitElement, baseStyles, css, defineElement, fieldStyles, html, nothing, type PropertyValues } from '@switchboard/sdk/web';
import { describeZone, filterZones, zoneChoices, type ZoneChoice } from './time-zones.js';

/** The offsets are read again when the list is opened after this long (an offset changes twice a year, at an hour's edge). */
const CHOICES_TTL_MS = 60_000;

/** Instances of the picker on one page get ids of their own (a tree holds one per clock decision). */
let pickers = 0;

/** The list with its offsets, shared by the pickers of a page (a tree holds one per clock decision). */
let offered: { key: string; at: number; list: ZoneChoice[] } | null = null;

/** The zones offered now; their offsets read again after a minute, or for other preferred zones. */
function offeredZones(preferred: readonly string[]): ZoneChoice[] {
  const key = preferred.join(' ');
  const now = Date.now();
  if (!offered || offered.key !== key || now - offered.at > CHOICES_TTL_MS) offered = { key, at: now, list: zoneChoices(preferred, new Date(now)) };
  return offered.list;
}

/**
 * An IANA time zone picked from a list that filters as you type (WAI-ARIA combobox with a listbox
 * popup): the customer's zone and the North American ones first, then every zone the browser
 * knows, each with its UTC offset now. What is typed and not picked is kept as typed when the
 * field is left, so a zone the list lacks can still be entered, and an unknown one still reaches
 * the plan's validation, which names it. Fires `change` (bubbling out of shadow roots) with the
 * new `value` when a zone is picked or the typed text is committed.
 */
export class ZonePicker extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    label: {},
    name: { reflect: true },
    value: {},
    hint: {},
    error: {},
    required: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    preferred: { attribute: false },
    text: { state: true },
    open: { state: true },
    active: { state: true },
  };

  label = 'Time zone';
  name = 'timeZone';
  /** The zone chosen (committed); `text` is what the field shows while the user types. */
  value = '';
  hint = '';
  /** A message from outside (the server's field error); cleared when the user edits. */
  error = '';
  required = false;
  disabled = false;
  /** Zones to put first, before the North American ones (the customer's). */
  preferred: readonly string[] = [];
  protected text = '';
  protected open = false;
  /** The index in the filtered list of the option the arrow keys are on; -1 for none. */
  protected active = -1;

  private readonly uid = `zone-picker-${++pickers}`;
  private shown: ZoneChoice[] = [];

  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        position: relative;
      }
      [role='listbox'] {
        position: absolute;
        z-index: 20;
        left: 0;
        right: 0;
        min-width: min(24rem, 90vw);
        max-height: 18rem;
        overflow-y: auto;
        margin: 0.2rem 0 0;
        padding: 0.25rem 0;
        list-style: none;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        box-shadow: var(--sb-shadow-raised);
      }
      .group {
        padding: 0.35rem 0.65rem 0.15rem;
        font-size: 0.8rem;
        font-weight: 700;
        color: var(--sb-color-text-muted);
        text-transform: uppercase;
        letter-spacing: 0.03em;
      }
      [role='option'] {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 0.6rem;
        padding: 0.35rem 0.65rem;
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      [role='option'][aria-selected='true'] .zone-name,
      [role='option'][aria-selected='true'] .offset {
        color: inherit;
      }
      .zone {
        font-weight: 600;
      }
      .offset {
        font-variant-numeric: tabular-nums;
        color: var(--sb-color-text-muted);
      }
      .zone-name {
        flex-basis: 100%;
        font-size: 0.85rem;
        color: var(--sb-color-text-muted);
      }
      .none {
        padding: 0.35rem 0.65rem;
        color: var(--sb-color-text-muted);
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.text = this.value;
    this.shown = this.open ? this.filtered() : [];
  }

  override render() {
    const shown = this.shown;
    const listId = `${this.uid}-list`;
    const activeId = this.open && this.active >= 0 ? `${this.uid}-option-${this.active}` : undefined;
    const chosen = this.open ? undefined : this.offsetOf(this.value);
    const describedBy = [this.hint || chosen ? 'hint' : '', this.error ? 'error' : ''].filter(Boolean).join(' ');
    return html`<label for="control">${this.label}${this.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label>
      ${this.hint || chosen ? html`<p id="hint" class="hint">${[this.hint, chosen].filter(Boolean).join('. ')}</p>` : nothing}
      <input
        id="control"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${activeId ?? nothing}
        aria-describedby=${describedBy || nothing}
        aria-invalid=${this.error ? 'true' : 'false'}
        ?required=${this.required}
        ?disabled=${this.disabled}
        .value=${this.text}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @click=${this.onClick}
        @blur=${this.onBlur}
      />
      ${this.error ? html`<p id="error" class="error">${this.error}</p>` : nothing}
      <ul id=${listId} role="listbox" aria-label=${this.label} ?hidden=${!this.open} @mousedown=${(event: Event) => event.preventDefault()}>
        ${this.open ? this.renderChoices(shown) : nothing}
      </ul>`;
  }

  private renderChoices(shown: ZoneChoice[]) {
    if (!shown.length) return html`<li class="none" role="presentation">No zone matches “${this.text}”. Keep it as typed, or clear it to see all.</li>`;
    const firstOther = shown.findIndex((choice) => !choice.usual);
    return shown.map(
      (choice, index) => html`${index === 0 && choice.usual ? html`<li class="group" role="presentation">Usual zones</li>` : nothing}
        ${index === firstOther ? html`<li class="group" role="presentation">All zones</li>` : nothing}
        <li
          id=${`${this.uid}-option-${index}`}
          role="option"
          aria-selected=${index === this.active ? 'true' : 'false'}
          data-zone=${choice.zone}
          @click=${() => this.pick(choice.zone)}
        >
          <span class="zone">${choice.zone}</span><span class="offset">${choice.offset}</span>${choice.name ? html`<span class="zone-name">${choice.name}</span>` : nothing}
        </li>`,
    );
  }

  /** True when there is a value (or none is required); shows nothing. */
  checkValidity(): boolean {
    return !this.error && (!this.required || this.text.trim() !== '');
  }

  /** Like checkValidity, and says what is missing on the field. */
  reportValidity(): boolean {
    if (this.required && this.text.trim() === '') this.error = `${this.label} is required.`;
    return this.checkValidity();
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('#control')?.focus(options);
  }

  /** What the typed text matches; all zones while it is still the chosen zone (the list is being browsed, not searched). */
  private filtered(): ZoneChoice[] {
    return filterZones(offeredZones(this.preferred), this.text === this.value ? '' : this.text);
  }

  /** "Now UTC-05:00, Eastern Standard Time" for the chosen zone, so its offset shows without opening the list. */
  private offsetOf(zone: string): string {
    if (!zone) return '';
    const now = describeZone(zone, new Date());
    return now ? `Now ${now.offset}${now.name ? `, ${now.name}` : ''}` : '';
  }

  private onInput(event: Event) {
    this.text = (event.target as HTMLInputElement).value;
    this.error = '';
    this.open = true;
    this.active = -1;
  }

  private onClick() {
    if (!this.disabled) this.show();
  }

  private show() {
    if (this.open) return;
    this.open = true;
    const at = this.filtered().findIndex((choice) => choice.zone === this.value);
    this.active = at;
    if (at >= 0) void this.updateComplete.then(() => this.scrollActiveIntoView());
  }

  private onKeydown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.open) {
          this.show();
          if (this.active < 0 && event.key === 'ArrowDown') this.active = 0;
          return;
        }
        const count = this.shown.length;
        if (!count) return;
        this.active = event.key === 'ArrowDown' ? (this.active + 1) % count : this.active <= 0 ? count - 1 : this.active - 1;
        void this.updateComplete.then(() => this.scrollActiveIntoView());
        return;
      }
      case 'Enter': {
        if (event.isComposing) return;
        event.preventDefault();
        const choice = this.open ? this.shown[this.active] : undefined;
        if (choice) this.pick(choice.zone);
        else this.commit();
        return;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          event.stopPropagation();
          this.open = false;
          this.active = -1;
        } else if (this.text !== this.value) {
          event.preventDefault();
          this.text = this.value;
        }
        return;
      case 'Tab':
        this.open = false;
        return;
    }
  }

  private onBlur() {
    this.commit();
  }

  private scrollActiveIntoView() {
    this.renderRoot.querySelector(`#${this.uid}-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  private pick(zone: string) {
    this.text = zone;
    this.commit();
  }

  /** The typed text (trimmed) becomes the value; a change is announced once. */
  private commit() {
    this.open = false;
    this.active = -1;
    const zone = this.text.trim();
    this.text = zone;
    if (zone === this.value) return;
    this.value = zone;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}

defineElement('tf-zone-picker', ZonePicker);

declare global {
  interface HTMLElementTagNameMap {
    'tf-zone-picker': ZonePicker;
  }
}
