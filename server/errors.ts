/**
 * Errors are values with an HTTP status. Messages are sentences a user can act on; no stack traces or Neo4j
 * internals ever reach a client.
 */
import type { ErrorRequestHandler } from 'express';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
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
