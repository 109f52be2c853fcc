/**
 * Request shapes of the evidence exports of a ring:
 *   GET  /api/rings/:id/export?format=…   one file made by the server from the database
 *   POST /api/rings/:id/export { png? }   the zip bundle, with the web app's high-resolution picture of the view
 */
import { z } from 'zod';

export const EXPORT_FORMATS = ['json', 'nodes.csv', 'edges.csv', 'graphml', 'svg', 'html', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('zip') });

export const BundleBody = z
  .object({
    png: z
      .string()
      .max(30_000_000)
      .regex(/^[A-Za-z0-9+/=]+$/, 'must be base64')
      .optional(),
  })
  .strict();
