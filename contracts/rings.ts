/** Request and response shapes of the ring-queue API, shared with the client as z.infer types. */
import { z } from 'zod';
import { RING_CHANGES, RING_STATUSES } from './vocabulary.ts';

export const RING_SORTS = ['score', 'size', 'lastSeen'] as const;
/** Dispositions that close a case: the queue hides them unless asked (`closed=true`). */
export const CLOSED_STATUSES = ['confirmed_fraud', 'false_positive'] as const;

export const RingListQuery = z.object({
  minScore: z.coerce.number().min(0).max(100).default(0),
  status: z.enum(RING_STATUSES).optional(),
  change: z.enum(RING_CHANGES).optional(),
  assignee: z.string().trim().min(1).max(100).optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** false: only open cases; true: only closed ones; absent: both. */
  closed: z
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
  id: z.string().regex(/^ring-[0-9a-f]{6,40}(-\d+)?$/, 'a ring id such as ring-1a2b3c4d5e6f'),
});
