import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../../server/errors.ts';
import { requestTimeout } from '../../../server/security/timeouts.ts';
import { serve } from '../../support/http.ts';

/** A deferred: a promise with its resolve, for handlers that answer when the test says so. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('request timeouts', () => {
  it('answers 503 JSON with Retry-After when a handler is too slow, and drops its late answer', async () => {
    // The deadline timers are the test's: it fires them, so nothing depends on how fast the machine is.
    const timers: Array<{ ms: number; fire: () => void; cancelled: boolean }> = [];
    let scheduled = deferred<{ ms: number; fire: () => void }>();
    const schedule = (fire: () => void, ms: number) => {
      const t = { ms, fire, cancelled: false };
      timers.push(t);
      scheduled.resolve(t);
      return () => {
        t.cancelled = true;
      };
    };
    const release = deferred();
    const late = deferred<boolean>();
    const app = express();
    app.use(requestTimeout({ ms: 100, longMs: 400, isLong: (req) => req.path === '/long', schedule }));
    app.get('/slow', async (_req, res) => {
      await release.promise;
      try {
        res.json({ late: true });
        late.resolve(false);
      } catch {
        late.resolve(true);
        throw new Error('late');
      }
    });
    app.get('/long', (_req, res) => res.json({ long: true }));
    app.get('/fast', (_req, res) => res.json({ fast: true }));
    app.use(errorMiddleware);
    const http = await serve(app);
    try {
      const answer = fetch(`${http.base}/slow`);
      const slowTimer = await scheduled.promise;
      expect(slowTimer.ms).toBe(100);
      slowTimer.fire();
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        error: {
          code: 'timeout',
          message: 'The request took longer than 0 s and was stopped; narrow it down or try again shortly.',
        },
      });
      // The handler answers after the 503 went out: its answer is dropped.
      release.resolve();
      expect(await late.promise).toBe(true);

      scheduled = deferred();
      expect((await fetch(`${http.base}/long`)).status).toBe(200);
      expect((await fetch(`${http.base}/fast`)).status).toBe(200);
      expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([
        [100, true],
        [400, true],
        [100, true],
      ]);
    } finally {
      await http.close();
    }
  });
});
