import type { ErrorBody, FieldError } from '../errors.js';

/**
 * An API answer that was not a success, carrying the body of the host's one error shape
 * `{"error": {"code", "message", "fields"}}`. `status` 0 means the request never got an answer.
 */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export interface ApiClientOptions {
  /** Prepended to every path; '' for the page's own origin. */
  base?: string;
  /** Called on every 401, before the error is thrown: the shell uses it to show the signed-out state. */
  onUnauthenticated?: (error: ApiClientError) => void;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A small JSON client for the host's /api: parsed JSON in, ApiClientError out. */
export class ApiClient {
  /**
   * The session's anti-forgery token: sent with every request that changes something, as the
   * host refuses those from a browser session without it.
   */
  csrfToken: string | null = null;
  private readonly base: string;
  private readonly onUnauthenticated?: (error: ApiClientError) => void;
  private readonly fetcher: typeof fetch;

  constructor(options: ApiClientOptions = {}) {
    this.base = options.base ?? '';
    this.onUnauthenticated = options.onUnauthenticated;
    // Bound, because calling window.fetch with another `this` throws "Illegal invocation".
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrfToken && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetcher(this.base + path + queryString(options.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiClientError(0, 'network_error', 'The portal could not be reached. Check your connection and try again.');
    }
    if (response.ok) return (response.status === 204 ? undefined : await parse(response)) as T;
    const error = toError(response, await parse(response).catch(() => undefined));
    if (response.status === 401) this.onUnauthenticated?.(error);
    throw error;
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value != null) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function parse(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  return JSON.parse(text);
}

function toError(response: Response, body: unknown): ApiClientError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiClientError(response.status, error.code, error.message ?? response.statusText, error.fields ?? [], error.requestId);
  }
  // Not the host's error shape (a proxy in between, a crash page): still a usable error.
  return new ApiClientError(response.status, `http_${response.status}`, `The request failed (${response.status} ${response.statusText}).`);
}
