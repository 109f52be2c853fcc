/**
 * createApp(deps) builds the Express app; server/index.ts listens. Tests import this.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotationRoutes } from './annotate/routes.ts';
import { viewRoutes } from './views/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { RefusalAudit } from './audit/refusals.ts';
import { AuditLog } from './audit/service.ts';
import { DeviceCookies } from './auth/device-cookie.ts';
import { accessControl } from './auth/guard.ts';
import { principalOf } from './auth/principal.ts';
import { authRoutes } from './auth/routes.ts';
import { AuthService } from './auth/service.ts';
import { SessionStore } from './auth/sessions.ts';
import { validateAuthSettings, type AuthSettings } from './auth/settings.ts';
import { userRoutes } from './auth/user-routes.ts';
import type { Db } from './db/database.ts';
import { AppError, errorMiddleware, NotFoundError } from './errors.ts';
import { exportRoutes } from './export/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { investigateRoutes } from './investigate/routes.ts';
import { ringRoutes } from './rings/routes.ts';
import { runRoutes } from './runs/routes.ts';
import { DetectionRunner } from './runs/runner.ts';
import { noStore, securityHeaders } from './security/headers.ts';
import { requestTimeout } from './security/timeouts.ts';
import { ephemeralSecrets, type ServerSecrets } from './secrets.ts';

export interface AppDeps {
  db: Db;
  /** Background detection runs for POST /api/detect; one is made when not given. */
  runner?: DetectionRunner;
  /** Folder of the built client (vite build); a placeholder page is served when it is missing. */
  clientDir?: string;
  /** Session lifetimes and rate limits (server/auth/settings.ts); the defaults otherwise. */
  auth?: Partial<AuthSettings>;
  /** API requests that take longer are answered 503 (default 30 s; ingest gets four times as long). */
  requestTimeoutMs?: number;
  /** Express's `trust proxy`, when a TLS-terminating proxy sits in front (client address, HTTPS detection). */
  trustProxy?: boolean | number | string;
  /** Bundle signing key and device-cookie key (server/secrets.ts); fresh ones for this process when not given. */
  secrets?: ServerSecrets;
  /**
   * The clock (ms since the epoch) of sessions, rate limits, the token cache, sign-in throttling, session freshness
   * and refusal windows; tests inject one.
   */
  now?: () => number;
  /** Receives the app's refusal log, e.g. to flush it (tests) or stop it on shutdown. */
  onRefusalAudit?: (refusals: RefusalAudit) => void;
}

const REFUSED_STATUSES = new Set([401, 403, 429]);

const DEFAULT_CLIENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'client');

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders());

  const settings = validateAuthSettings(deps.auth);
  const now = deps.now ?? Date.now;
  const auth = new AuthService(deps.db, { tokenCacheMs: settings.tokenCacheMs, now });
  const sessions = new SessionStore(deps.db, settings, now);
  const auditLog = new AuditLog(deps.db);
  const secrets = deps.secrets ?? ephemeralSecrets();
  const refusals = new RefusalAudit(auditLog, { ...settings.refusalAudit, now });
  refusals.start();
  deps.onRefusalAudit?.(refusals);
  const timeoutMs = deps.requestTimeoutMs ?? 30_000;

  const api = express.Router();
  api.use(noStore);
  api.use(requestTimeout({ ms: timeoutMs, longMs: 4 * timeoutMs, isLong: (req) => req.path === '/ingest' }));
  // Who may call what (contracts/route-policy.ts), before any body is read: an anonymous upload is refused unread.
  api.use(accessControl({ auth, sessions, settings, now, auditLog }));
  // Ingest and export parse their own (larger) bodies; everything else gets a small JSON limit.
  api.use(ingestRoutes(deps.db, auditLog));
  api.use(exportRoutes(deps.db, auditLog, secrets.signingKey));
  api.use(express.json({ limit: '1mb' }));
  api.use(healthRoutes(deps.db));
  api.use(
    authRoutes(auth, sessions, settings, auditLog, { deviceCookies: new DeviceCookies(secrets.deviceCookieKey), now }),
  );
  api.use(userRoutes(auth, sessions, auditLog));
  api.use(auditRoutes(auditLog));
  api.use(investigateRoutes(deps.db));
  api.use(annotationRoutes(deps.db, auditLog));
  api.use(viewRoutes(deps.db, auditLog));
  api.use(runRoutes(deps.db, deps.runner ?? new DetectionRunner(deps.db), auditLog));
  api.use(ringRoutes(deps.db));
  api.use((req, _res, next) => next(new NotFoundError(`No API route ${req.method} ${req.path}.`)));
  // Every refused request (401, 403 — CSRF included — and 429) is counted in the audit trail, aggregated.
  api.use((err: unknown, req: express.Request, _res: express.Response, next: express.NextFunction) => {
    if (err instanceof AppError && REFUSED_STATUSES.has(err.status)) {
      const attempted =
        req.path === '/auth/login' ? (req.body as { username?: unknown } | undefined)?.username : undefined;
      refusals.note({
        actor: principalOf(req)?.username ?? (typeof attempted === 'string' ? attempted.toLowerCase() : 'anonymous'),
        ip: req.ip ?? null,
        status: err.status,
        code: err.code,
        route: `${req.method} ${req.originalUrl.split('?')[0]!.slice(0, 200)}`,
      });
    }
    next(err);
  });
  app.use('/api', api);

  const clientDir = deps.clientDir ?? DEFAULT_CLIENT_DIR;
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the SPA shell.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>RingLens</title><h1>RingLens</h1><p>The API is up (see <a href="/api/health">/api/health</a>). Build the client with <code>npm run build</code>.</p>',
        );
    });
  }
  app.use(errorMiddleware);
  return app;
}
