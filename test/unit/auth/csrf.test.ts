import express from 'express';
import { describe, expect, it } from 'vitest';
import { checkCsrf, checkLoginOrigin } from '../../../server/auth/csrf.ts';
import { errorMiddleware } from '../../../server/errors.ts';
import { serve } from '../../support/http.ts';

describe('CSRF rules for cookie sessions', () => {
  it('refuses foreign origins, accepts the session token or a same-origin browser, lets reads through', async () => {
    const app = express();
    app.use((req, res) => {
      checkCsrf(req, 'the-token');
      res.json({ ok: true });
    });
    app.post('/login', (req, res) => {
      checkLoginOrigin(req);
      res.json({ ok: true });
    });
    app.use(errorMiddleware);
    const http = await serve(app);
    const post = (headers: Record<string, string>, method = 'POST') =>
      fetch(`${http.base}/x`, { method, headers }).then((r) => r.status);
    try {
      expect(await post({})).toBe(403);
      expect(await post({ 'x-csrf-token': 'the-token' })).toBe(200);
      expect(await post({ 'x-csrf-token': 'the-token', origin: 'https://evil.example' })).toBe(403);
      expect(await post({ origin: http.base })).toBe(200);
      expect(await post({ origin: http.base.replace('127.0.0.1', 'localhost') })).toBe(403);
      expect(await post({ origin: 'null' })).toBe(403);
      expect(await post({ 'sec-fetch-site': 'same-site' })).toBe(403);
      expect(await post({ 'sec-fetch-site': 'same-origin' })).toBe(200);
      expect(await post({}, 'DELETE')).toBe(403);
      expect(await post({}, 'GET')).toBe(200);
    } finally {
      await http.close();
    }
  });
});
