/**
 * Evidence exports of a ring:
 *   GET  /api/rings/:id/export?format=json|nodes.csv|edges.csv|graphml|svg|html|zip
 *   POST /api/rings/:id/export   { png?: base64 }  → the zip bundle, with the UI's high-resolution PNG of the view
 */
import express, { Router, type RequestHandler, type Response } from 'express';
import { BundleBody, ExportQuery, type ExportFormat } from '../../contracts/export.ts';
import type { Db } from '../db/database.ts';
import { fromZodIssues } from '../errors.ts';
import { RINGLENS_VERSION } from '../health/routes.ts';
import { userOf } from '../request-user.ts';
import { RingIdParam } from '../../contracts/rings.ts';
import { buildBundle } from './bundle.ts';
import { toCytoscapeJson, toEdgesCsv, toGraphml, toNodesCsv } from './formats.ts';
import { toSvg } from './picture.ts';
import { toHtmlReport } from './report.ts';
import { loadRingEvidence } from './ring-evidence.ts';

const TYPES: Record<ExportFormat, [string, string]> = {
  json: ['application/json', 'graph.json'],
  'nodes.csv': ['text/csv; charset=utf-8', 'nodes.csv'],
  'edges.csv': ['text/csv; charset=utf-8', 'edges.csv'],
  graphml: ['application/graphml+xml', 'graph.graphml'],
  svg: ['image/svg+xml', 'graph.svg'],
  html: ['text/html; charset=utf-8', 'report.html'],
  zip: ['application/zip', 'evidence.zip'],
};

export interface ExportHooks {
  guard?: RequestHandler;
  onExport?: (res: Response, what: { ringId: string; format: string; bytes: number }) => Promise<void>;
}

export function exportRoutes(db: Db, hooks: ExportHooks = {}): Router {
  const router = Router();
  const guard: RequestHandler = hooks.guard ?? ((_req, _res, next) => next());

  async function send(res: Response, ringId: string, format: ExportFormat, png?: Uint8Array) {
    const evidence = await loadRingEvidence(db, ringId);
    const ctx = {
      exportedBy: userOf(res).username,
      exportedAt: new Date().toISOString(),
      ringlensVersion: RINGLENS_VERSION,
    };
    const body: string | Uint8Array =
      format === 'json'
        ? toCytoscapeJson(evidence)
        : format === 'nodes.csv'
          ? toNodesCsv(evidence)
          : format === 'edges.csv'
            ? toEdgesCsv(evidence)
            : format === 'graphml'
              ? toGraphml(evidence)
              : format === 'svg'
                ? toSvg(evidence)
                : format === 'html'
                  ? toHtmlReport(evidence, ctx)
                  : buildBundle(evidence, ctx, { ringId, format, png: Boolean(png) }, png);
    const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    // Recorded before the file leaves the server.
    await hooks.onExport?.(res, { ringId, format, bytes });
    const [type, name] = TYPES[format];
    res.type(type);
    res.attachment(`${ringId}-${name}`);
    res.send(typeof body === 'string' ? body : Buffer.from(body));
  }

  router.get('/rings/:id/export', guard, async (req, res) => {
    const p = RingIdParam.safeParse(req.params);
    if (!p.success) throw fromZodIssues('path', p.error.issues);
    const q = ExportQuery.safeParse(req.query);
    if (!q.success) throw fromZodIssues('query', q.error.issues);
    await send(res, p.data.id, q.data.format);
  });

  router.post('/rings/:id/export', guard, express.json({ limit: '40mb' }), async (req, res) => {
    const p = RingIdParam.safeParse(req.params);
    if (!p.success) throw fromZodIssues('path', p.error.issues);
    const b = BundleBody.safeParse(req.body ?? {});
    if (!b.success) throw fromZodIssues('body', b.error.issues);
    await send(res, p.data.id, 'zip', b.data.png ? new Uint8Array(Buffer.from(b.data.png, 'base64')) : undefined);
  });
  return router;
}
