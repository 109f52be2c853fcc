/**
 * A deadline for every API request: when the handler has not answered in time, the client gets a 503 JSON error
 * (with Retry-After) instead of a hanging connection. The handler may still finish; its late answer is dropped
 * (errorMiddleware ignores errors once a response went out).
 */
import type { Request, RequestHandler } from 'express';

export interface TimeoutOptions {
  ms: number;
  /** A longer deadline for requests that legitimately take long (bulk ingest). */
  longMs?: number;
  isLong?: (req: Request) => boolean;
  /** Starts the deadline timer and returns its cancel; setTimeout unless a test injects one. */
  schedule?: (fire: () => void, ms: number) => () => void;
}

const realTimer = (fire: () => void, ms: number) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

export function requestTimeout(o: TimeoutOptions): RequestHandler {
  return (req, res, next) => {
    const ms = o.isLong?.(req) && o.longMs ? o.longMs : o.ms;
    const clear = (o.schedule ?? realTimer)(() => {
      if (res.headersSent) return;
      res
        .status(503)
        .set('Retry-After', '5')
        .json({
          error: {
            code: 'timeout',
            message: `The request took longer than ${Math.round(ms / 1000)} s and was stopped; narrow it down or try again shortly.`,
          },
        });
    }, ms);
    res.on('finish', clear);
    res.on('close', clear);
    next();
  };
}
