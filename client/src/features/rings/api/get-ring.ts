/** GET /api/rings/:id: one ring with its members, evidence, history and changes since the previous run. */
import { z } from 'zod';
import { apiGet, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { ScoreTerm } from '@contracts/rings.ts';
import { ringSummarySchema } from './get-rings.ts';

const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const evidenceEdgeSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** An identifier kind, or `transfer` for payments between members. */
  kind: z.string(),
  key: z.string(),
  count: z.number().nullish(),
  total: z.number().nullish(),
});
export type EvidenceEdge = z.infer<typeof evidenceEdgeSchema>;

export const ringDetailSchema = ringSummarySchema.omit({ joinedCount: true, leftCount: true }).extend({
  /** Members who joined and left since the ring's previous run. */
  joined: strings,
  left: strings,
  members: z.array(
    z.object({
      id: z.string(),
      label: z.string().nullish(),
      createdAt: z.string().nullish(),
      type: z.string().nullish(),
      country: z.string().nullish(),
    }),
  ),
  evidence: z
    .object({ edges: z.array(evidenceEdgeSchema), truncated: z.boolean().nullish() })
    .nullish()
    .transform((v) => v ?? { edges: [], truncated: false }),
  features: z.unknown().optional(),
  history: z
    .array(z.object({ runId: z.string(), size: z.number() }))
    .nullish()
    .transform((v) => v ?? []),
  /** Each reason with the points it added to the score; null when the ring was stored without points. */
  scoreBreakdown: z
    .array(ScoreTerm)
    .nullish()
    .transform((v) => v ?? null),
  mergedFrom: strings,
  splitFrom: z.union([z.string(), z.array(z.string())]).nullish(),
});
export type RingDetail = z.infer<typeof ringDetailSchema>;

export function getRing(id: string, signal?: AbortSignal): Promise<RingDetail> {
  return apiGet(`/api/rings/${segment(id)}`, ringDetailSchema, { signal });
}

export function useRing(id: string | null) {
  return useApi(id, (signal) => getRing(id!, signal));
}
