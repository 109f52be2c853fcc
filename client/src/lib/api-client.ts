/**
 * The one place that calls fetch. Every response is validated against its zod schema, so a component either gets
 * data of the promised shape or an ApiError whose message is a sentence to show the user.
 */
import type { z } from 'zod';
import { ErrorResponse } from '@contracts/errors.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

// --- session -----------------------------------------------------------------------------------------------------

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<(message: string) => void>();

/** The session's CSRF token (from sign-in or GET /api/auth/me), sent back on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (the session ended): the app goes back to its sign-in screen. */
export function onUnauthorized(listener: (message: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** fetch with the session's CSRF token on state-changing requests; a network failure becomes an ApiError. */
async function send(path: string, init: RequestInit, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, ...(init.headers as Record<string, string>) };
  if (init.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('The RingLens server did not answer; check that it is running.', 0, 'network');
  }
}

/** The ApiError for an error answer (an ErrorResponse: its `error.message`), telling the app when the session ended. */
function failure(res: Response, body: unknown): ApiError {
  const e = ErrorResponse.safeParse(body).data?.error;
  const error = new ApiError(e?.message ?? `The server answered ${res.status}.`, res.status, e?.code ?? 'error');
  if (res.status === 401) for (const listener of unauthorizedListeners) listener(error.message);
  return error;
}

async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit,
  acceptStatus: readonly number[] = [],
): Promise<z.output<S>> {
  const res = await send(path, init, 'application/json');
  let body: unknown = null;
  try {
    const text = await res.text();
    if (text !== '') body = JSON.parse(text);
  } catch {
    throw new ApiError(`The server answered ${res.status} without JSON.`, res.status, 'bad_response');
  }
  if (!res.ok && !acceptStatus.includes(res.status)) throw failure(res, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      `The server's answer to ${path.split('?')[0]} has an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
      res.status,
      'bad_response',
    );
  }
  return parsed.data;
}

export interface GetOptions {
  params?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Error statuses whose body is still a document of the schema (e.g. /api/health's 503). */
  acceptStatus?: readonly number[];
}

export function apiGet<S extends z.ZodType>(path: string, schema: S, options: GetOptions = {}): Promise<z.output<S>> {
  return request(
    `${path}${queryString(options.params ?? {})}`,
    schema,
    { method: 'GET', signal: options.signal },
    options.acceptStatus,
  );
}

/** A request with a JSON body. */
function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return request(path, schema, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    signal,
  });
}

export function apiPost<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return sendJson('POST', path, body, schema, signal);
}

export function apiPut<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return sendJson('PUT', path, body, schema, signal);
}

/** A file the server sends as an attachment, with the name from its Content-Disposition. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

function attachmentName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** GET (or POST, with a JSON body) a file. Errors are the API's JSON errors, as for every other call. */
export async function apiFile(
  path: string,
  options: { params?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal } = {},
): Promise<DownloadedFile> {
  const init: RequestInit =
    options.body === undefined
      ? { method: 'GET', signal: options.signal }
      : {
          method: 'POST',
          body: JSON.stringify(options.body),
          headers: { 'content-type': 'application/json' },
          signal: options.signal,
        };
  const res = await send(`${path}${queryString(options.params ?? {})}`, init, '*/*');
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // Not JSON: the status alone is the message.
    }
    throw failure(res, body);
  }
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('content-disposition')) };
}

/** A path segment, encoded (keys contain `@`, `:`, `/` and spaces). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
