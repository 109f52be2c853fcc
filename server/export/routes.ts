/**
 * Evidence exports of a ring:
 *   GET  /api/rings/:id/export?format=json|nodes.csv|edges.csv|graphml|svg|html|zip
 *   POST /api/rings/:id/export   { png?: base64 }  → the zip bundle, with the UI's high-resolution PNG of the view
 */
import express, { Router, type Request, type Response } from 'express';
import { BundleBody, ExportQuery, type ExportFormat } from '../../contracts/export.ts';
import type { Db } from '../db/database.ts';
import { audit, type AuditLog } from '../audit/service.ts';
import { requirePrincipal } from '../auth/principal.ts';
import { parseInput } from '../errors.ts';
import { RINGLENS_VERSION } from '../health/routes.ts';
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

export function exportRoutes(db: Db, auditLog: AuditLog): Router {
  const router = Router();

  async function send(req: Request, res: Response, ringId: string, format: ExportFormat, png?: Uint8Array) {
    const evidence = await loadRingEvidence(db, ringId);
    const ctx = {
      exportedBy: requirePrincipal(req).username,
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
    await audit(auditLog, req, {
      action: 'export',
      objectType: 'ring',
      objectId: ringId,
      details: { format, bytes },
    });
    const [type, name] = TYPES[format];
    res.type(type);
    res.attachment(`${ringId}-${name}`);
    res.send(typeof body === 'string' ? body : Buffer.from(body));
  }

  router.get('/rings/:id/export', async (req, res) => {
    const { id } = parseInput(RingIdParam, req.params, 'path');
    const { format } = parseInput(ExportQuery, req.query, 'query');
    await send(req, res, id, format);
  });

  router.post('/rings/:id/export', express.json({ limit: '40mb' }), async (req, res) => {
    const { id } = parseInput(RingIdParam, req.params, 'path');
    const { png } = parseInput(BundleBody, req.body ?? {}, 'body');
    await send(req, res, id, 'zip', png ? new Uint8Array(Buffer.from(png, 'base64')) : undefined);
  });
  return router;
}
