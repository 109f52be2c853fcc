/**
 * Detection runs:
 *   POST /api/detect          start a run (one at a time: 409 while one runs) → 202 { id }
 *   GET  /api/runs            recent runs;  GET /api/runs/:id  progress (while running) and results
 */
import { Router } from 'express';
import { audit, type AuditLog } from '../audit/service.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, parseInput, NotFoundError } from '../errors.ts';
import { LockBusyError } from './lock.ts';
import { DetectBody, RunIdParam } from '../../contracts/runs.ts';
import type { DetectionRunner } from './runner.ts';
import { getRun, listRuns } from './service.ts';

export function runRoutes(db: Db, runner: DetectionRunner, auditLog: AuditLog): Router {
  const router = Router();

  router.post('/detect', async (req, res) => {
    const body = parseInput(DetectBody, req.body ?? {}, 'body');
    try {
      const id = await runner.start(body);
      await audit(auditLog, req, {
        action: 'detect.start',
        objectType: 'run',
        objectId: id,
        details: { settings: body },
      });
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

  return router;
}
