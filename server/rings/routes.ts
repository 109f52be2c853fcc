/**
 * The ring queue:
 *   GET  /api/rings           the ring queue (filter, sort, page);  GET /api/rings/:id  one ring in full
 * Detection runs (POST /api/detect, GET /api/runs) are in server/runs/routes.ts.
 */
import { Router } from 'express';
import type { Db } from '../db/database.ts';
import { parseInput, NotFoundError } from '../errors.ts';
import { RingIdParam, RingListQuery } from '../../contracts/rings.ts';
import { getRing, listRings } from './service.ts';

export function ringRoutes(db: Db): Router {
  const router = Router();

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
