/**
 * Evidence exports of a ring:
 *   GET  /api/rings/:id/export?format=json|nodes.csv|edges.csv|graphml|svg|html|zip
 *   POST /api/rings/:id/export   { png?: base64 }  → the zip bundle, with the UI's high-resolution PNG of the view
 */
import express, { Router, type RequestHandler, type Response } from 'express';
import type { KeyObject } from 'node:crypto';
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

export interface ExportedFile {
  ringId: string;
  format: string;
  bytes: number;
  /** Bundles: the SHA-256 of the zip and of its signed manifest.json, for the audit trail. */
  sha256?: string;
  manifestSha256?: string;
}

export interface ExportHooks {
  guard?: RequestHandler;
  onExport?: (res: Response, what: ExportedFile) => Promise<void>;
}

export function exportRoutes(db: Db, signingKey: KeyObject, hooks: ExportHooks = {}): Router {
  const router = Router();
  const guard: RequestHandler = hooks.guard ?? ((_req, _res, next) => next());

  async function send(res: Response, ringId: string, format: ExportFormat, png?: Uint8Array) {
    const evidence = await loadRingEvidence(db, ringId);
    const ctx = {
      exportedBy: userOf(res).username,
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
    // Recorded before the file leaves the server; a bundle with its hashes, so it can be checked against the trail.
    await hooks.onExport?.(res, {
      ringId,
      format,
      bytes,
      ...(bundle ? { sha256: bundle.zipSha256, manifestSha256: bundle.manifestSha256 } : {}),
    });
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
