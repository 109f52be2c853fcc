/**
 * Saved views of the canvas:
 *   GET  /api/{rings|accounts}/:id/views    the case's saved views, newest first (without their canvas)
 *   POST /api/{rings|accounts}/:id/views    save the canvas with the case ({ name, state }; audited as view.save)
 *   GET  /api/views/:id                     one view with its canvas, to reopen it (#/views/<id> in the web app)
 */
import { Router } from 'express';
import { audit, type AuditLog } from '../audit/service.ts';
import { requirePrincipal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { parseInput } from '../errors.ts';
import { TargetParams } from '../../contracts/annotations.ts';
import { SaveViewBody, ViewIdParam } from '../../contracts/views.ts';
import { getView, listViews, saveView } from './service.ts';

export function viewRoutes(db: Db, auditLog: AuditLog): Router {
  const router = Router();
  for (const collection of ['rings', 'accounts'] as const) {
    const base = `/${collection}/:targetId/views`;
    const target = (params: unknown) =>
      parseInput(TargetParams, { ...(params as object), targetType: collection }, 'path');

    router.get(base, async (req, res) => {
      res.json({ items: await listViews(db, target(req.params)) });
    });

    router.post(base, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(SaveViewBody, req.body, 'body');
      const view = await saveView(db, t, requirePrincipal(req).username, body);
      await audit(auditLog, req, {
        action: 'view.save',
        objectType: t.targetType,
        objectId: t.targetId,
        details: { viewId: view.id, nodes: view.nodeCount },
      });
      res.status(201).json(view);
    });
  }

  router.get('/views/:id', async (req, res) => {
    const { id } = parseInput(ViewIdParam, req.params, 'path');
    res.json(await getView(db, id));
  });
  return router;
}
