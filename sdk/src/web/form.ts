import type { FieldError } from '../errors.js';
import type { SbField } from './field.js';

const fieldsIn = (root: ParentNode): SbField[] => [...root.querySelectorAll('sb-field')];

/**
 * Shows every field's message and moves focus to the first field that is not valid, as a form
 * submission should; true when all are valid.
 */
export function validateFields(root: ParentNode): boolean {
  const invalid = fieldsIn(root).filter((field) => !field.reportValidity());
  invalid[0]?.focus();
  return invalid.length === 0;
}

/** The fields' values by name. */
export function fieldValues(root: ParentNode): Record<string, string> {
  return Object.fromEntries(fieldsIn(root).filter((f) => f.name).map((f) => [f.name, f.value]));
}

/**
 * Puts a 400's field errors on the fields they name (`body.title` goes to the field named
 * `title`), focuses the first, and returns those no field shows, for a general message.
 */
export function showFieldErrors(root: ParentNode, errors: readonly FieldError[]): FieldError[] {
  const fields = fieldsIn(root);
  const unshown: FieldError[] = [];
  let first: SbField | undefined;
  for (const error of errors) {
    const name = error.field.replace(/^(body|query|params)\./, '');
    const field = fields.find((f) => f.name === name);
    if (!field) {
      unshown.push(error);
      continue;
    }
    // Several problems with one field read as one message.
    const message = sentence(field.label, error.message);
    field.error = field.error ? `${field.error} ${message}` : message;
    first ??= field;
  }
  first?.focus();
  return unshown;
}

export function clearFieldErrors(root: ParentNode): void {
  for (const field of fieldsIn(root)) field.error = '';
}

/** "is required" on the field "Title" reads "Title is required."; whole sentences are kept. */
function sentence(label: string, message: string): string {
  const text = /^(is|are|must|should|may|has|have|cannot|can't|does|was)\b/.test(message) && label ? `${label} ${message}` : message;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
