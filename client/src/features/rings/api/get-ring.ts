/** GET /api/rings/:id: one ring with its members, evidence, history and changes since the previous run. */
import { ringDetailSchema, type RingDetail } from '@contracts/rings.ts';
import { apiGet, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export type { RingDetail };

export function getRing(id: string, signal?: AbortSignal): Promise<RingDetail> {
  return apiGet(`/api/rings/${segment(id)}`, ringDetailSchema, { signal });
}

export function useRing(id: string | null) {
  return useApi(id, (signal) => getRing(id!, signal));
}
