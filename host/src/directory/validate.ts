import { badRequest, type FieldError } from '@switchboard/sdk';

/** Tenant and theme ids: lower-case letters, digits and single dashes. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LOGIN = /^[a-z0-9][a-z0-9._@+-]{2,127}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Collects every problem of an input before refusing it, so that the caller learns everything
 * wrong at once (400 `invalid_request` with `fields`), and nothing is written.
 */
export class InputCheck {
  private readonly problems: FieldError[] = [];

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** A trimmed string of 1..max characters. */
  text(field: string, value: unknown, max: number): string {
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.problem(field, 'must be a non-empty string');
      return '';
    }
    const text = value.trim();
    if (text.length > max) this.problem(field, `must be at most ${max} characters`);
    return text;
  }

  /** A string of at most max characters, possibly empty. */
  optionalText(field: string, value: unknown, max: number): string {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      this.problem(field, 'must be a string');
      return '';
    }
    const text = value.trim();
    if (text.length > max) this.problem(field, `must be at most ${max} characters`);
    return text;
  }

  slug(field: string, value: unknown, min = 2, max = 63): string {
    if (typeof value !== 'string' || !SLUG.test(value) || value.length < min || value.length > max) {
      this.problem(field, `must be ${min} to ${max} lower-case letters, digits and single dashes`);
      return '';
    }
    return value;
  }

  /** Any string id (of a user, role, grant): the lookup decides whether it exists. */
  id(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
      this.problem(field, 'must be an id');
      return '';
    }
    return value;
  }

  login(field: string, value: unknown): string {
    const login = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (!LOGIN.test(login)) this.problem(field, 'must be 3 to 128 letters, digits or . _ @ + -, starting with a letter or digit');
    return login;
  }

  email(field: string, value: unknown): string {
    const email = typeof value === 'string' ? value.trim() : '';
    if (!EMAIL.test(email) || email.length > 254) this.problem(field, 'must be an e-mail address');
    return email;
  }

  oneOf<V extends string>(field: string, value: unknown, allowed: readonly V[]): V {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem(field, `must be one of ${allowed.map((v) => `"${v}"`).join(', ')}`);
      return allowed[0]!;
    }
    return value as V;
  }

  boolean(field: string, value: unknown): boolean {
    if (typeof value !== 'boolean') this.problem(field, 'must be true or false');
    return value === true;
  }

  /** An object argument; a missing or non-object one is one problem, not one per field. */
  object(field: string, value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(field, 'must be an object');
      return {};
    }
    return value as Record<string, unknown>;
  }

  /** Refuses with every problem found so far. */
  done(message = 'Some fields are not valid.'): void {
    if (this.problems.length > 0) throw badRequest(message, [...this.problems]);
  }
}

/** Whether a key is present in a changes object (an explicit null counts: it clears the value). */
export const has = (changes: object, key: string): boolean => Object.prototype.hasOwnProperty.call(changes, key);
