import express from 'express';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkCsrf, checkLoginOrigin } from '../../../server/auth/csrf.ts';
import { errorMiddleware } from '../../../server/errors.ts';
import { authSettingsFromConfig } from '../../../server/auth/settings.ts';
import { ConfigError, loadConfig } from '../../../server/config.ts';
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

  it('with an allow-list of origins, compares Origin with it, never with the request’s own Host header', async () => {
    const allowed = ['https://ringlens.example', 'http://127.0.0.1:8080'];
    const app = express();
    app.post('/login', (req, res) => {
      checkLoginOrigin(req, allowed);
      res.json({ ok: true });
    });
    app.use((req, res) => {
      checkCsrf(req, 'the-token', allowed);
      res.json({ ok: true });
    });
    app.use(errorMiddleware);
    const http = await serve(app);
    const port = Number(new URL(http.base).port);
    // node:http, so that the Host header can be set as an attacker's DNS-rebinding page would have it.
    const post = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    try {
      // A rebinding page: Host and Origin agree with each other, but not with the app's configured origins.
      const rebound = { host: 'evil.example', origin: 'http://evil.example' };
      expect(await post('/x', rebound)).toBe(403);
      expect(await post('/login', rebound)).toBe(403);
      // Behind a proxy the Host header is the backend's; the browser's Origin is the public one, and is allowed.
      expect(await post('/x', { origin: 'https://ringlens.example' })).toBe(200);
      expect(await post('/login', { origin: 'https://ringlens.example' })).toBe(200);
      expect(await post('/x', { origin: 'http://127.0.0.1:8080' })).toBe(200);
      expect(await post('/x', { origin: http.base })).toBe(403); // its own Host, but not in the list
      expect(await post('/x', { 'x-csrf-token': 'the-token', origin: 'https://evil.example' })).toBe(403);
      expect(await post('/x', { 'x-csrf-token': 'the-token' })).toBe(200);
    } finally {
      await http.close();
    }
  });

  it('reads the allow-list from RINGLENS_ALLOWED_ORIGINS, as origins (scheme, host, port), refusing anything else', () => {
    const cfg = loadConfig({ RINGLENS_ALLOWED_ORIGINS: 'https://ringlens.example, http://10.0.0.5:8080/' });
    expect(authSettingsFromConfig(cfg).allowedOrigins).toEqual(['https://ringlens.example', 'http://10.0.0.5:8080']);
    expect(authSettingsFromConfig(loadConfig({})).allowedOrigins).toBeUndefined();
    expect(() => loadConfig({ RINGLENS_ALLOWED_ORIGINS: 'ringlens.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ RINGLENS_ALLOWED_ORIGINS: 'https://ringlens.example/app' })).toThrow(ConfigError);
  });
});
