/**
 * GET /api/audit (admin): the audit trail, newest first, filtered by actor, action and time
 * (`since` inclusive, `until` exclusive, ISO 8601 with a zone) and paged.
 */
import { Router } from 'express';
import { AuditQuery } from '../../contracts/audit.ts';
import { parseInput } from '../errors.ts';
import type { AuditLog } from './service.ts';

export function auditRoutes(log: AuditLog): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    res.json(await log.list(parseInput(AuditQuery, req.query, 'query')));
  });
  return router;
}
