/**
 * GET /api/rings/:id/export?format=…: one export of a ring, made by the server from the database (not from what is
 * on screen); POST /api/rings/:id/export { png }: the evidence bundle with the web app's picture of the view.
 */
import type { ExportFormat } from '@contracts/export.ts';
import { apiFile, segment, type DownloadedFile } from '../../../lib/api-client.ts';

export function exportRing(ringId: string, format: ExportFormat): Promise<DownloadedFile> {
  return apiFile(`/api/rings/${segment(ringId)}/export`, { params: { format } });
}

/** The zip bundle with every format, manifest.json (SHA-256 of each file) and `graph.png` when a PNG is given. */
export function exportEvidenceBundle(ringId: string, pngBase64?: string): Promise<DownloadedFile> {
  return apiFile(`/api/rings/${segment(ringId)}/export`, { body: pngBase64 ? { png: pngBase64 } : {} });
}
