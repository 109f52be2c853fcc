/**
 * Annotations on rings and accounts:
 *   GET  /api/{rings|accounts}/:id/annotations    the timeline (every version, oldest first)
 *   POST /api/{rings|accounts}/:id/notes          add a note, or a new version of one ({ supersedes })
 *   PUT  /api/{rings|accounts}/:id/tags           replace the tags (recorded as an event)
 *   POST /api/{rings|accounts}/:id/disposition    move the case along the disposition workflow
 */
import { Router } from 'express';
import type { Db } from '../db/database.ts';
import { parseInput } from '../errors.ts';
import { userOf } from '../request-user.ts';
import { DispositionBody, NoteBody, TagsBody, TargetParams } from '../../contracts/annotations.ts';
import { addNote, getTimeline, setDisposition, setTags } from './service.ts';

export interface AnnotationHooks {
  /** Called after each annotation is stored and before the response is sent (the audit trail). */
  onAnnotate?: (
    res: import('express').Response,
    what: { action: string; targetType: string; targetId: string; annotationId: string },
  ) => Promise<void>;
  /** Role checks per action, supplied by the auth layer. */
  guard?: { annotate: import('express').RequestHandler; disposition: import('express').RequestHandler };
}

export function annotationRoutes(db: Db, hooks: AnnotationHooks = {}): Router {
  const router = Router();
  const pass: import('express').RequestHandler = (_req, _res, next) => next();
  const annotateGuard = hooks.guard?.annotate ?? pass;
  const dispositionGuard = hooks.guard?.disposition ?? pass;
  for (const collection of ['rings', 'accounts'] as const) {
    const base = `/${collection}/:targetId`;
    const target = (params: unknown) =>
      parseInput(TargetParams, { ...(params as object), targetType: collection }, 'path');

    router.get(`${base}/annotations`, async (req, res) => {
      res.json({ items: await getTimeline(db, target(req.params)) });
    });

    router.post(`${base}/notes`, annotateGuard, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(NoteBody, req.body, 'body');
      const a = await addNote(db, t, userOf(res).username, body);
      await hooks.onAnnotate?.(res, { action: body.supersedes ? 'note.edit' : 'note.add', ...t, annotationId: a.id });
      res.status(201).json(a);
    });

    router.put(`${base}/tags`, annotateGuard, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(TagsBody, req.body, 'body');
      const a = await setTags(db, t, userOf(res).username, body.tags);
      await hooks.onAnnotate?.(res, { action: 'tags.set', ...t, annotationId: a.id });
      res.status(201).json(a);
    });

    router.post(`${base}/disposition`, dispositionGuard, async (req, res) => {
      const t = target(req.params);
      const body = parseInput(DispositionBody, req.body, 'body');
      const a = await setDisposition(db, t, userOf(res).username, body);
      await hooks.onAnnotate?.(res, { action: 'disposition.set', ...t, annotationId: a.id });
      res.status(201).json(a);
    });
  }
  return router;
}
