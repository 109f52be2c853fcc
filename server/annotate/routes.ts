/**
 * Annotations on rings and accounts:
 *   GET  /api/{rings|accounts}/:id/annotations    the timeline (every version, oldest first)
 *   POST /api/{rings|accounts}/:id/notes          add a note, or a new version of one ({ supersedes })
 *   PUT  /api/{rings|accounts}/:id/tags           replace the tags (recorded as an event)
 *   POST /api/{rings|accounts}/:id/disposition    move the case along the disposition workflow
 */
import { Router, type Request } from 'express';
import type { AuditAction } from '../../contracts/audit.ts';
import { audit, type AuditLog } from '../audit/service.ts';
import { requirePrincipal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { parseInput } from '../errors.ts';
import { DispositionBody, NoteBody, TagsBody, TargetParams } from '../../contracts/annotations.ts';
import { addNote, getTimeline, setDisposition, setTags } from './service.ts';

type AnnotationTarget = { targetType: string; targetId: string };

export function annotationRoutes(db: Db, auditLog: AuditLog): Router {
  const router = Router();
  const recorded = (req: Request, action: AuditAction, t: AnnotationTarget, annotationId: string) =>
    audit(auditLog, req, { action, objectType: t.targetType, objectId: t.targetId, details: { annotationId } });
  for (const collection of ['rings', 'accounts'] as const) {
    const base = `/${collection}/:targetId`;
    const target = (params: unknown) =>
      parseInput(TargetParams, { ...(params as object), targetType: collection }, 'path');

    router.get(`${base}/annotations`, async (req, res) => {
      res.json({ items: await getTimeline(db, target(req.params)) });
    });

    router.post(`${base}/notes`, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(NoteBody, req.body, 'body');
      const a = await addNote(db, t, requirePrincipal(req).username, body);
      await recorded(req, body.supersedes ? 'note.edit' : 'note.add', t, a.id);
      res.status(201).json(a);
    });

    router.put(`${base}/tags`, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(TagsBody, req.body, 'body');
      const a = await setTags(db, t, requirePrincipal(req).username, body.tags);
      await recorded(req, 'tags.set', t, a.id);
      res.status(201).json(a);
    });

    router.post(`${base}/disposition`, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(DispositionBody, req.body, 'body');
      const a = await setDisposition(db, t, requirePrincipal(req).username, body);
      await recorded(req, 'disposition.set', t, a.id);
      res.status(201).json(a);
    });
  }
  return router;
}
