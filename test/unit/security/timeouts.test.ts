import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../../server/errors.ts';
import { requestTimeout } from '../../../server/security/timeouts.ts';
import { serve } from '../../support/http.ts';

describe('request timeouts', () => {
  it('answers 503 JSON with Retry-After when a handler is too slow, and drops its late answer', async () => {
    const app = express();
    let lateAnswerFailed = false;
    app.use(requestTimeout({ ms: 100, longMs: 400, isLong: (req) => req.path === '/long' }));
    const slow: express.RequestHandler = async (_req, res) => {
      await new Promise((r) => setTimeout(r, 250));
      try {
        res.json({ late: true });
      } catch {
        lateAnswerFailed = true;
        throw new Error('late');
      }
    };
    app.get('/slow', slow);
    app.get('/long', slow);
    app.get('/fast', (_req, res) => res.json({ fast: true }));
    app.use(errorMiddleware);
    const http = await serve(app);
    try {
      const res = await fetch(`${http.base}/slow`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        error: { code: 'timeout', message: expect.stringMatching(/longer than 0 s|longer than \d+ s/) },
      });
      expect((await fetch(`${http.base}/long`)).status).toBe(200);
      expect((await fetch(`${http.base}/fast`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(lateAnswerFailed).toBe(true);
    } finally {
      await http.close();
    }
  });
});
