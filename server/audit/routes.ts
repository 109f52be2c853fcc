/**
 * GET /api/audit (admin): the audit trail, newest first, filtered by actor, action and time
 * (`since` inclusive, `until` exclusive, ISO 8601 with a zone) and paged.
 */
import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../errors.ts';
import { AUDIT_ACTIONS, type AuditLog } from './service.ts';

export const AuditQuery = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export function auditRoutes(log: AuditLog): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    res.json(await log.list(parseInput(AuditQuery, req.query, 'query')));
  });
  return router;
}
