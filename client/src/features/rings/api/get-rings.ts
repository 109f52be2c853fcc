/**
 * GET /api/rings: the ring queue, filtered, sorted and paged. Status and change are read as plain strings so a value
 * the server adds later still displays; the filters offer the values the server's schema accepts.
 */
import { z } from 'zod';
import { RING_SORTS } from '@contracts/rings.ts';
import { RING_STATUSES } from '@contracts/vocabulary.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export { RING_SORTS, RING_STATUSES };
export type RingSort = (typeof RING_SORTS)[number];

const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const ringSummarySchema = z.object({
  id: z.string(),
  score: z.number(),
  size: z.number(),
  status: z
    .string()
    .nullish()
    .transform((v) => v ?? 'new'),
  change: z
    .string()
    .nullish()
    .transform((v) => v ?? 'unchanged'),
  /** Who the case is assigned to (set with the disposition). */
  assignee: z.string().nullish(),
  tags: strings,
  flagged: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  reasons: strings,
  /** How many members joined and left since the ring's previous run (the ids are in the ring's detail). */
  joinedCount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  leftCount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  lastSeenRun: z.string().nullish(),
  lastSeenAt: z.string().nullish(),
});
export type RingSummary = z.infer<typeof ringSummarySchema>;

export const ringPageSchema = z.object({
  items: z.array(ringSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  /** No detection run before the latest: every ring is "new" and flagged, so those marks say nothing. */
  firstRun: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type RingPage = z.infer<typeof ringPageSchema>;

export interface RingQuery {
  minScore: number;
  status: string | null;
  /** Only rings assigned to this user. */
  assignee: string | null;
  /** false: open cases only (the default); null: closed ones too. */
  closed: boolean | null;
  sort: RingSort;
  order: 'desc' | 'asc';
  page: number;
  pageSize: number;
}

export const DEFAULT_RING_QUERY: RingQuery = {
  minScore: 0,
  status: null,
  assignee: null,
  closed: false,
  sort: 'score',
  order: 'desc',
  page: 1,
  pageSize: 25,
};

export function getRings(q: RingQuery, signal?: AbortSignal): Promise<RingPage> {
  // A chosen status is shown whether it closes the case or not.
  const closed = q.status !== null ? null : q.closed;
  return apiGet('/api/rings', ringPageSchema, { params: { ...q, closed }, signal });
}

/** `refresh` changes when the queue should be read again (a disposition changed). */
export function useRings(q: RingQuery, refresh = 0) {
  return useApi(`${JSON.stringify(q)}#${refresh}`, (signal) => getRings(q, signal), { keepPrevious: true });
}
