/**
 * Errors are values with an HTTP status. Messages are sentences a user can act on; no stack traces or Neo4j
 * internals ever reach a client.
 */
import type { ErrorRequestHandler } from 'express';

/**
 * How a command-line script ends on an error (scripts/lib/cli.ts `runMain`): its exit code, whether running the same
 * command again may succeed, and whether the mistake is in the command line (then "Run with --help" is added).
 * Error classes declare these; an error without them is unexpected: exit 1, retriable.
 */
export interface ExitInfo {
  readonly exitCode: number;
  readonly retriable: boolean;
  readonly usage?: boolean;
}

export function exitInfo(err: unknown): Required<ExitInfo> {
  const e = err as Partial<ExitInfo> | null;
  if (e && typeof e === 'object' && typeof e.exitCode === 'number' && typeof e.retriable === 'boolean') {
    return { exitCode: e.exitCode, retriable: e.retriable, usage: e.usage ?? false };
  }
  return { exitCode: 1, retriable: true, usage: false };
}

export class AppError extends Error implements ExitInfo {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** In a script: 2 for bad input, 1 (retriable) when the service is unavailable, otherwise 3 ("refused"). */
  get exitCode(): number {
    return this.status === 400 ? 2 : this.status >= 500 ? 1 : 3;
  }

  get retriable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Array<{ path: string; message: string }>) {
    super(400, 'validation_failed', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first (POST /api/auth/login), or send an API token (Authorization: Bearer …).') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this.') {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate_limited', message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The graph database is unavailable right now; try again shortly.') {
    super(503, 'database_unavailable', message);
  }
}

/** Builds a ValidationError from zod issues, naming each field path. */
export function fromZodIssues(
  where: string,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): ValidationError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.') || where, message: i.message }));
  const first = details[0];
  return new ValidationError(
    `Invalid ${where}: ${first ? `${first.path}: ${first.message}` : 'bad input'}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`,
    details,
  );
}

/** Parses request input with a zod schema; a failure is a ValidationError (400) naming each field. */
export function parseInput<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  },
  value: unknown,
  where: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodIssues(where, r.error.issues);
  return r.data;
}

export const errorMiddleware: ErrorRequestHandler = (err, _req, res, _next) => {
  // A response already went out (a request timeout answered first): nothing more can be said to this client.
  if (res.headersSent) return;
  if (err instanceof AppError) {
    if (err instanceof TooManyRequestsError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof UnauthorizedError) res.set('WWW-Authenticate', 'Bearer realm="RingLens"');
    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
    return;
  }
  // body-parser errors (malformed JSON, too large) carry a status and a type.
  const e = err as { status?: number; type?: string; message?: string };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const message =
      e.type === 'entity.too.large'
        ? 'The request body is too large.'
        : e.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request could not be read.';
    res.status(e.status).json({ error: { code: e.type ?? 'bad_request', message } });
    return;
  }
  console.error('Unhandled error:', err);
  res
    .status(500)
    .json({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
};
