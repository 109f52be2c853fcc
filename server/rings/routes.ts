/**
 * Rings and detection runs:
 *   POST /api/detect          start a run (one at a time: 409 while one runs) → 202 { id }
 *   GET  /api/runs            recent runs;  GET /api/runs/:id  progress (while running) and results
 *   GET  /api/rings           the ring queue (filter, sort, page);  GET /api/rings/:id  one ring in full
 */
import { Router } from 'express';
import { audit } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, parseInput, NotFoundError } from '../errors.ts';
import { LockBusyError } from './lock.ts';
import { DetectBody, RingIdParam, RingListQuery, RunIdParam } from './schemas.ts';
import { DetectionRunner } from './runner.ts';
import { getRing, getRun, listRings, listRuns } from './service.ts';

export function ringRoutes(db: Db, runner: DetectionRunner): Router {
  const router = Router();

  router.post('/detect', async (req, res) => {
    const body = parseInput(DetectBody, req.body ?? {}, 'body');
    try {
      const id = await runner.start(body);
      await audit(req, { action: 'detect.start', objectType: 'run', objectId: id, details: { settings: body } });
      res.status(202).json({ id, status: 'running', href: `/api/runs/${id}` });
    } catch (err) {
      if (err instanceof LockBusyError)
        throw new ConflictError(`${err.message} Wait for it to finish (GET /api/runs).`);
      throw err;
    }
  });

  router.get('/runs', async (_req, res) => {
    res.json({ items: await listRuns(db, 20) });
  });

  router.get('/runs/:id', async (req, res) => {
    const { id } = parseInput(RunIdParam, req.params, 'path');
    const live = runner.progressOf(id);
    const stored = await getRun(db, id);
    if (!stored && !live) throw new NotFoundError(`No detection run ${id}.`);
    res.json({ ...(stored ?? { id, status: 'running' }), ...(live ? { progress: live } : {}) });
  });

  router.get('/rings', async (req, res) => {
    const q = parseInput(RingListQuery, req.query, 'query');
    res.json(await listRings(db, q));
  });

  router.get('/rings/:id', async (req, res) => {
    const { id } = parseInput(RingIdParam, req.params, 'path');
    const ring = await getRing(db, id);
    if (!ring) throw new NotFoundError(`No ring ${id}.`);
    res.json(ring);
  });

  return router;
}
