/**
 * createApp(deps) builds the Express app; server/index.ts listens. Tests import this.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db/database.ts';
import { errorMiddleware, NotFoundError } from './errors.ts';
import { healthRoutes } from './health/routes.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { DetectionRunner } from './rings/runner.ts';
import { ringRoutes } from './rings/routes.ts';

export interface AppDeps {
  db: Db;
  /** Background detection runs for POST /api/detect; one is made when not given. */
  runner?: DetectionRunner;
  /** Folder of the built client (vite build); a placeholder page is served when it is missing. */
  clientDir?: string;
}

const DEFAULT_CLIENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'client');

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const api = express.Router();
  // Ingest parses its own (larger) body; everything else gets a small JSON limit.
  api.use(ingestRoutes(deps.db));
  api.use(express.json({ limit: '1mb' }));
  api.use(healthRoutes(deps.db));
  api.use(ringRoutes(deps.db, deps.runner ?? new DetectionRunner(deps.db)));
  api.use((req, _res, next) => next(new NotFoundError(`No API route ${req.method} ${req.path}.`)));
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
