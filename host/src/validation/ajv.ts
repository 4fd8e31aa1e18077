import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '@switchboard/sdk';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/**
 * One way to build validators for the whole host. `coerceTypes` is only for query strings and path
 * parameters, which arrive as text; bodies and configuration are checked as they are.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

const shared = new Map<string, Ajv>();
/** The definitions with an $id each shared ajv holds, as given, to tell a repeat from a clash. */
const sharedDefinitions = new WeakMap<Ajv, Map<string, string>>();

/**
 * A validator from the host's ajv for these options. A definition under the schema's `$defs` that
 * carries its own `$id` is a shared schema (as Fastify's addSchema): added to that ajv once and
 * referred to by its id, so it is compiled once per process however many routes use it, instead
 * of once inside each route's schema (the toll-free plan's nested levels took about 1.5 s of
 * compiling per route that takes a plan). An id means one schema for the whole host: the same id
 * with other content is refused.
 */
export function compileSchema(schema: object, options: Options = {}): ValidateFunction {
  const key = JSON.stringify(options);
  let ajv = shared.get(key);
  if (!ajv) shared.set(key, (ajv = createAjv(options)));
  return ajv.compile(withSharedDefinitions(ajv, schema));
}

/** The schema without its `$defs` that have an `$id`, each of those added to `ajv` if it is new there. */
function withSharedDefinitions(ajv: Ajv, schema: object): object {
  const defs = (schema as { $defs?: Record<string, unknown> }).$defs;
  if (!defs) return schema;
  let known = sharedDefinitions.get(ajv);
  if (!known) sharedDefinitions.set(ajv, (known = new Map()));
  const own: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(defs)) {
    const id = (definition as { $id?: unknown } | null)?.$id;
    if (typeof id !== 'string') {
      own[name] = definition;
      continue;
    }
    const text = JSON.stringify(definition);
    const earlier = known.get(id);
    if (earlier === undefined) {
      ajv.addSchema(definition as object);
      known.set(id, text);
    } else if (earlier !== text) {
      throw new Error(`two different schemas have the $id ${id}`);
    }
  }
  return { ...schema, $defs: own };
}

/** `/server/httpsPort` -> `server.httpsPort` */
const toDotted = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

function describe(error: ErrorObject): FieldError {
  const at = toDotted(error.instancePath);
  const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: join(at, String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { field: join(at, String(p.additionalProperty)), message: 'is not an allowed field' };
    case 'enum':
      return { field: at, message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'propertyNames':
      return { field: join(at, String(p.propertyName)), message: `is not an allowed name` };
    case 'pattern':
      return { field: at, message: `must match the pattern ${String(p.pattern)}` };
    case 'type':
      return { field: at, message: `must be ${String(p.type).replace(',', ' or ')}` };
    default:
      return { field: at, message: error.message ?? 'is not valid' };
  }
}

/**
 * ajv's errors as field errors a person can act on, one per field and problem. A failing `oneOf`
 * also reports each branch's error; those are dropped when a clearer error names the same field.
 */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const described = describe(error);
    const field = prefix ? (described.field ? `${prefix}.${described.field}` : prefix) : described.field;
    const key = `${field}|${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message: described.message });
  }
  return out;
}
