/** Request and response shapes of the ring-queue API, shared with the client as z.infer types. */
import { z } from 'zod';
import { RING_CHANGES, RING_STATUSES } from './vocabulary.ts';

export const RING_SORTS = ['score', 'size', 'lastSeen'] as const;
/** A ring (a community of accounts) or a duplicate-account pair (two accounts tied by a strong identifier). */
export const RING_KINDS = ['ring', 'pair'] as const;
export type RingKind = (typeof RING_KINDS)[number];

export const RingListQuery = z.object({
  minScore: z.coerce.number().min(0).max(100).default(0),
  status: z.enum(RING_STATUSES).optional(),
  change: z.enum(RING_CHANGES).optional(),
  /** Only rings or only pairs; both when absent. */
  kind: z.enum(RING_KINDS).optional(),
  assignee: z.string().trim().min(1).max(100).optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(RING_SORTS).default('score'),
  order: z.enum(['desc', 'asc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type RingListQuery = z.infer<typeof RingListQuery>;

export const RingIdParam = z.object({
  id: z
    .string()
    .regex(/^(ring|pair)-[0-9a-f]{6,40}(-\d+)?$/, 'a ring or pair id such as ring-1a2b3c4d5e6f or pair-1a2b3c4d5e6f'),
});
/** One term of GET /api/rings/:id's scoreBreakdown: a reason and the points it added to the score. */
export const ScoreTerm = z.object({ reason: z.string(), points: z.number() });
export type ScoreTerm = z.infer<typeof ScoreTerm>;
