/**
 * GET /api/rings: the ring queue, filtered, sorted and paged (response schema in contracts/rings.ts); the filters
 * offer the values the server's schema accepts.
 */
import {
  ringPageSchema,
  RING_KINDS,
  RING_SORTS,
  type RingKind,
  type RingPage,
  type RingSummary,
} from '@contracts/rings.ts';
import { RING_STATUSES } from '@contracts/vocabulary.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export { RING_KINDS, RING_SORTS, RING_STATUSES, type RingKind, type RingSummary };
export type RingSort = (typeof RING_SORTS)[number];

export interface RingQuery {
  minScore: number;
  status: string | null;
  /** Only rings or only pairs; both when null. */
  kind: RingKind | null;
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
  kind: null,
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
