import { ApiError, type FieldError } from '@switchboard/sdk';

/**
 * Where the directory's argument names sit in an HTTP request. The directory names fields by its
 * arguments (`login`, `entitlements[2]`, `tenantId`); over HTTP every field error names its place in
 * the request (`body.login`, `body.entitlements.2`, `params.id`), as the dispatcher's own
 * validation does, so a form shows a refusal of either kind next to the same input.
 */
export interface RequestFields {
  /** The body's top-level field names, which the directory uses as they are. */
  body?: readonly string[];
  /** The query's field names, likewise (list options). */
  query?: readonly string[];
  /** Directory argument -> the path parameter it came from. */
  params?: Readonly<Record<string, string>>;
}

/** Runs a directory call and moves the field names of its refusal into the request's terms. */
export async function inRequestTerms<T>(fields: RequestFields, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof ApiError) || !error.fields?.length) throw error;
    throw new ApiError(error.status, error.code, error.message, error.fields.map((field) => relocate(field, fields)), error.headers);
  }
}

function relocate(problem: FieldError, fields: RequestFields): FieldError {
  // `entitlements[2].x` -> `entitlements.2.x`, the dotted form ajv's errors are given in.
  const dotted = problem.field.replace(/\[(\d+)\]/g, '.$1');
  const [root = '', ...rest] = dotted.split('.');
  const param = fields.params?.[root];
  if (param !== undefined) return { ...problem, field: ['params', param, ...rest].join('.') };
  if (fields.body?.includes(root)) return { ...problem, field: `body.${dotted}` };
  if (fields.query?.includes(root)) return { ...problem, field: `query.${dotted}` };
  return problem;
}

/** The top-level field names a body or query schema allows. */
export const fieldsOf = (schema: { properties: object }): string[] => Object.keys(schema.properties);
