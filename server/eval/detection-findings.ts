/**
 * The findings of a detection run as the evaluation sees them: every reported ring, and every duplicate-account pair
 * when the run has them (detection v2 reports pairs as `kind: 'pair'` among the rings or in a `pairs` list; a finding
 * without a kind is a ring). Parsed with zod, so a change in the detection result's shape fails loudly here.
 */
import { z } from 'zod';
import type { Finding } from './findings-eval.ts';

const FindingShape = z.object({
  id: z.string(),
  kind: z.enum(['ring', 'pair']).optional(),
  members: z.array(z.string()),
  score: z.number(),
  flagged: z.boolean(),
});

const ResultShape = z.object({
  rings: z.array(FindingShape),
  pairs: z.array(FindingShape.extend({ kind: z.enum(['ring', 'pair']).default('pair') })).optional(),
});

export function findingsOf(result: unknown): Finding[] {
  const r = ResultShape.parse(result);
  return [...r.rings, ...(r.pairs ?? [])].map((f) => ({
    id: f.id,
    kind: f.kind ?? 'ring',
    members: f.members,
    score: f.score,
    flagged: f.flagged,
  }));
}
