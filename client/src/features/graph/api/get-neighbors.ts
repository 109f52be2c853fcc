/** GET /api/nodes/:kind/:id/neighbors: one capped page of a node's neighbours, with totals and counts by kind. */
import { neighborsResponseSchema, type NeighborsResponse } from '@contracts/investigate.ts';
import { parseNodeId } from '@contracts/element-ids.ts';
import { apiGet, segment } from '../../../lib/api-client.ts';

export interface NeighborsRequest {
  limit?: number;
  cursor?: string | null;
  kinds?: readonly string[] | null;
  order?: 'kind' | 'shared';
  threshold?: number;
}

export function getNeighbors(id: string, req: NeighborsRequest = {}, signal?: AbortSignal): Promise<NeighborsResponse> {
  const node = parseNodeId(id);
  if (!node) return Promise.reject(new Error(`'${id}' is not a node id.`));
  return apiGet(`/api/nodes/${node.kind}/${segment(node.key)}/neighbors`, neighborsResponseSchema, {
    params: {
      limit: req.limit,
      cursor: req.cursor,
      kinds: req.kinds ?? undefined,
      order: req.order,
      threshold: req.threshold,
    },
    signal,
  });
}
