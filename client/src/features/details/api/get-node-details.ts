/** GET /api/nodes/:kind/:id: what the details panel shows about one account or identifier. */
import { nodeDetailsSchema, type NodeDetails } from '@contracts/investigate.ts';
import { parseNodeId } from '@contracts/element-ids.ts';
import { apiGet, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export function getNodeDetails(id: string, signal?: AbortSignal): Promise<NodeDetails> {
  const node = parseNodeId(id);
  if (!node) return Promise.reject(new Error(`'${id}' is not a node id.`));
  return apiGet(`/api/nodes/${node.kind}/${segment(node.key)}`, nodeDetailsSchema, { signal });
}

export function useNodeDetails(id: string | null) {
  return useApi(id, (signal) => getNodeDetails(id!, signal));
}
