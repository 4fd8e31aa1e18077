import type { FieldError } from '@switchboard/sdk';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Read access to a mod_json_cdr document: its channel variables (strings, URL-encoded when
 * `encode-values` is on, as it is by default) and its call flow (caller profiles, the newest
 * first, the one the call arrived with last). Reading problems are collected as field errors
 * named by their place in the document.
 */
export class CdrDocument {
  readonly errors: FieldError[] = [];
  private readonly variables: Json;
  private readonly profiles: Json[];
  /** `channel_data.direction`, FreeSWITCH's own record of the leg's direction. */
  readonly channelDirection: string | undefined;

  private constructor(document: Json, variables: Json) {
    this.variables = variables;
    this.channelDirection = isObject(document.channel_data) ? decoded(document.channel_data.direction) : undefined;
    // Older FreeSWITCH wrote "callflow" once per profile as repeated keys (JSON.parse keeps the
    // last, the original); newer writes an array, newest first.
    const callflow = document.callflow;
    const flows = Array.isArray(callflow) ? callflow : isObject(callflow) ? [callflow] : [];
    this.profiles = flows.map((flow) => (isObject(flow) && isObject(flow.caller_profile) ? flow.caller_profile : {}));
  }

  static open(document: unknown): CdrDocument | FieldError {
    if (!isObject(document)) return { field: '', message: 'must be a JSON object (one mod_json_cdr document)' };
    if (!isObject(document.variables)) return { field: 'variables', message: 'is required: mod_json_cdr writes the channel variables there' };
    return new CdrDocument(document, document.variables);
  }

  /** A B-leg (the call FreeSWITCH placed onward) has an originator; its A-leg already describes the call. */
  get isBLeg(): boolean {
    return this.profiles.some((profile) => isObject(profile.originator));
  }

  /** A channel variable, URL-decoded; undefined when absent or empty. */
  variable(name: string): string | undefined {
    return decoded(this.variables[name]);
  }

  /**
   * The first of these places that has a value: `variables.x`, or `callflow.x` for the caller
   * profile the call arrived with. Returns the value and the place it came from.
   */
  first(...places: string[]): { value: string; field: string } | undefined {
    for (const place of places) {
      const [where, name] = place.split('.') as ['variables' | 'callflow', string];
      if (where === 'variables') {
        const value = this.variable(name);
        if (value !== undefined) return { value, field: place };
      } else if (this.profiles.length) {
        const index = this.profiles.length - 1;
        const value = decoded(this.profiles[index]![name]);
        if (value !== undefined) return { value, field: `callflow[${index}].caller_profile.${name}` };
      }
    }
    return undefined;
  }

  /** A whole number held in a variable; null when absent, undefined after an error. */
  integer(name: string): number | null | undefined {
    const text = this.variable(name);
    if (text === undefined) return null;
    if (!/^\d+$/.test(text)) return void this.errors.push({ field: `variables.${name}`, message: 'is not a whole number' });
    return Number(text);
  }

  /**
   * An instant from `<name>_uepoch` (microseconds) or else `<name>_epoch` (seconds), in epoch
   * milliseconds; null when absent or 0 (FreeSWITCH's "never", as answer_epoch of an unanswered
   * call); undefined after an error. The field is where it was read (or was to be).
   */
  epoch(name: string): { ms: number | null | undefined; field: string } {
    const units = [['_uepoch', (us: number) => Math.floor(us / 1000)], ['_epoch', (s: number) => s * 1000]] as const;
    for (const [suffix, toMs] of units) {
      const field = `variables.${name}${suffix}`;
      const text = this.variable(`${name}${suffix}`);
      if (text === undefined) continue;
      if (!/^\d+$/.test(text)) {
        this.errors.push({ field, message: 'is not a whole number' });
        return { ms: undefined, field };
      }
      const value = Number(text);
      return { ms: value === 0 ? null : toMs(value), field };
    }
    return { ms: null, field: `variables.${name}_epoch` };
  }
}

function decoded(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
