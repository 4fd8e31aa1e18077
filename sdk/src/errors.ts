/**
 * The one error shape every API answer uses: `{"error": {"code", "message", "fields"}}`.
 * Handlers throw ApiError (or one of the helpers); the dispatcher turns it into the response.
 */
export interface FieldError {
  /** Where the problem is: `body.name`, `query.limit`, `params.id`. */
  field: string;
  /** What is wrong, in words a user can act on. */
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; requestId?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable, machine-readable: clients branch on it, so never rename one. */
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Extra response headers, such as Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields?.length ? { fields: this.fields } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export const badRequest = (message: string, fields?: FieldError[], code = 'invalid_request') =>
  new ApiError(400, code, message, fields);
export const unauthenticated = (message = 'Sign in to continue.') => new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not entitled to do this.', code = 'forbidden') =>
  new ApiError(403, code, message);
/** Also the answer for another tenant's resource: it must look exactly like one that does not exist. */
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, code = 'conflict', fields?: FieldError[]) =>
  new ApiError(409, code, message, fields);
export const payloadTooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `The request body is larger than the ${limit} bytes allowed.`);
export const unprocessable = (message: string, fields?: FieldError[], code = 'unprocessable') =>
  new ApiError(422, code, message, fields);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests; try again later.') =>
  new ApiError(429, 'rate_limited', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
