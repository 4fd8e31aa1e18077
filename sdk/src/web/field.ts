import { LitElement, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { define } from './define.js';
import { baseStyles, fieldStyles } from './styles.js';

export interface FieldOption {
  value: string;
  label: string;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * A labelled form control with its hint and its validation message. The message is tied to the
 * control with aria-describedby and aria-invalid, appears once the user leaves the field (or when
 * the form is checked), and can come from the server: set `error` to a field error of a 400 and it
 * shows until the user edits the value. Form-associated, so a <form> around it submits its value.
 */
export class SbField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    label: {},
    name: { reflect: true },
    type: {},
    value: {},
    hint: {},
    error: {},
    placeholder: {},
    autocomplete: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    minlength: { type: Number },
    maxlength: { type: Number },
    min: {},
    max: {},
    step: {},
    pattern: {},
    /** Said instead of the browser's words when `pattern` does not match. */
    patternMessage: { attribute: 'pattern-message' },
    rows: { type: Number },
    options: { attribute: false },
    touched: { state: true },
  };

  label = '';
  name = '';
  /** text, email, number, date, datetime-local, tel, url, password, search, textarea or select. */
  type = 'text';
  value = '';
  hint = '';
  /** A message from outside (usually the server's field error); cleared when the user edits. */
  error = '';
  placeholder?: string;
  autocomplete?: string;
  required = false;
  disabled = false;
  minlength?: number;
  maxlength?: number;
  min?: string;
  max?: string;
  step?: string;
  pattern?: string;
  patternMessage?: string;
  rows = 4;
  options: FieldOption[] = [];
  protected touched = false;

  private readonly internals = this.attachInternals();
  private initialValue = '';

  static override styles = [baseStyles, fieldStyles];

  override connectedCallback() {
    super.connectedCallback();
    this.initialValue = this.value;
  }

  /** The message shown now: the outside error first, else the control's own once touched. */
  get message(): string {
    if (this.error) return this.error;
    return this.touched ? this.ownMessage() : '';
  }

  override render() {
    const message = this.message;
    const describedBy = [this.hint ? 'hint' : '', message ? 'error' : ''].filter(Boolean).join(' ');
    return html`
      <label for="control"
        >${this.label}${this.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
      >
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      ${this.renderControl(describedBy || undefined, Boolean(message))}
      ${message ? html`<p id="error" class="error">${message}</p>` : nothing}
    `;
  }

  private renderControl(describedBy: string | undefined, invalid: boolean) {
    const common = {
      invalid: invalid ? 'true' : 'false',
    };
    if (this.type === 'textarea') {
      return html`<textarea
        id="control"
        name=${this.name}
        .value=${live(this.value)}
        rows=${this.rows}
        ?required=${this.required}
        ?disabled=${this.disabled}
        minlength=${ifDefined(this.minlength)}
        maxlength=${ifDefined(this.maxlength)}
        placeholder=${ifDefined(this.placeholder)}
        aria-invalid=${common.invalid}
        aria-describedby=${ifDefined(describedBy)}
        @input=${this.onInput}
        @change=${this.onChange}
        @blur=${this.onBlur}
      ></textarea>`;
    }
    if (this.type === 'select') {
      return html`<select
        id="control"
        name=${this.name}
        ?required=${this.required}
        ?disabled=${this.disabled}
        aria-invalid=${common.invalid}
        aria-describedby=${ifDefined(describedBy)}
        @input=${this.onInput}
        @change=${this.onChange}
        @blur=${this.onBlur}
      >
        ${this.options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.value}>${o.label}</option>`)}
      </select>`;
    }
    return html`<input
      id="control"
      type=${this.type}
      name=${this.name}
      .value=${live(this.value)}
      ?required=${this.required}
      ?disabled=${this.disabled}
      minlength=${ifDefined(this.minlength)}
      maxlength=${ifDefined(this.maxlength)}
      min=${ifDefined(this.min)}
      max=${ifDefined(this.max)}
      step=${ifDefined(this.step)}
      pattern=${ifDefined(this.pattern)}
      placeholder=${ifDefined(this.placeholder)}
      autocomplete=${ifDefined(this.autocomplete as HTMLInputElement['autocomplete'] | undefined)}
      aria-invalid=${common.invalid}
      aria-describedby=${ifDefined(describedBy)}
      @input=${this.onInput}
      @change=${this.onChange}
      @blur=${this.onBlur}
      @keydown=${this.onKeydown}
    />`;
  }

  protected override updated() {
    // Keep the form's view of the field (its value and validity) in step with the control.
    const control = this.control;
    this.internals.setFormValue(this.disabled ? null : this.value);
    if (!control) return;
    if (this.error) this.internals.setValidity({ customError: true }, this.error, control);
    else if (!control.validity.valid) this.internals.setValidity(control.validity, this.ownMessage(), control);
    else this.internals.setValidity({});
  }

  /** True when valid; never shows anything. */
  checkValidity(): boolean {
    return !this.error && (this.control?.checkValidity() ?? true);
  }

  /** Shows the message if the value is not valid (as if the user had left the field); true when valid. */
  reportValidity(): boolean {
    this.touched = true;
    return this.checkValidity();
  }

  override focus(options?: FocusOptions) {
    this.control?.focus(options);
  }

  formResetCallback() {
    this.value = this.initialValue;
    this.error = '';
    this.touched = false;
  }

  formDisabledCallback(disabled: boolean) {
    this.disabled = disabled;
  }

  private get control(): Control | null {
    return this.renderRoot?.querySelector<Control>('#control') ?? null;
  }

  private ownMessage(): string {
    const control = this.control;
    if (!control || control.validity.valid) return '';
    const v = control.validity;
    const label = this.label || 'This field';
    if (v.valueMissing) return `${label} is required.`;
    if (v.tooLong) return `Use at most ${this.maxlength} characters (now ${this.value.length}).`;
    if (v.tooShort) return `Use at least ${this.minlength} characters (now ${this.value.length}).`;
    if (v.typeMismatch && this.type === 'email') return 'Enter an email address, such as name@example.com.';
    if (v.typeMismatch && this.type === 'url') return 'Enter a web address, such as https://example.com.';
    if (v.patternMismatch && this.patternMessage) return this.patternMessage;
    if (v.rangeUnderflow) return `Enter ${this.min} or more.`;
    if (v.rangeOverflow) return `Enter ${this.max} or less.`;
    return control.validationMessage;
  }

  private onInput(event: Event) {
    this.value = (event.target as Control).value;
    this.error = '';
  }

  // `change` does not cross the shadow boundary on its own; `input` does.
  private onChange() {
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onBlur() {
    this.touched = true;
  }

  // Enter in a single-line field submits its form, as it would if the input were not in a shadow root.
  private onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.isComposing && this.internals.form) {
      event.preventDefault();
      this.internals.form.requestSubmit();
    }
  }
}

define('sb-field', SbField);

declare global {
  interface HTMLElementTagNameMap {
    'sb-field': SbField;
  }
}
