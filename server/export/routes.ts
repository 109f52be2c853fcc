/**
 * Evidence exports of a ring:
 *   GET  /api/rings/:id/export?format=json|nodes.csv|edges.csv|graphml|svg|html|zip
 *   POST /api/rings/:id/export   { png?: base64 }  → the zip bundle, with the UI's high-resolution PNG of the view
 */
import express, { Router, type Request, type Response } from 'express';
import type { KeyObject } from 'node:crypto';
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

/** `signingKey` signs the manifest of every evidence bundle (server/secrets.ts). */
export function exportRoutes(db: Db, auditLog: AuditLog, signingKey: KeyObject): Router {
  const router = Router();

  async function send(req: Request, res: Response, ringId: string, format: ExportFormat, png?: Uint8Array) {
    const evidence = await loadRingEvidence(db, ringId);
    const ctx = {
      exportedBy: requirePrincipal(req).username,
      exportedAt: new Date().toISOString(),
      ringlensVersion: RINGLENS_VERSION,
    };
    const bundle =
      format === 'zip' ? buildBundle(evidence, ctx, { ringId, format, png: Boolean(png) }, signingKey, png) : undefined;
    const body: string | Uint8Array = bundle
      ? bundle.zip
      : format === 'json'
        ? toCytoscapeJson(evidence)
        : format === 'nodes.csv'
          ? toNodesCsv(evidence)
          : format === 'edges.csv'
            ? toEdgesCsv(evidence)
            : format === 'graphml'
              ? toGraphml(evidence)
              : format === 'svg'
                ? toSvg(evidence)
                : toHtmlReport(evidence, ctx);
    const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    // Recorded before the file leaves the server; a bundle with the SHA-256 of the zip and of its signed manifest, so
    // that `npm run verify-bundle -- --db` can find it.
    await audit(auditLog, req, {
      action: 'export',
      objectType: 'ring',
      objectId: ringId,
      details: {
        format,
        bytes,
        ...(bundle ? { sha256: bundle.zipSha256, manifestSha256: bundle.manifestSha256 } : {}),
      },
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
