/** POST /api/subgraph: the links among a set of nodes (a ring's members and evidence, or the graph after an expansion). */
import { elementsSchema, type Elements } from '@contracts/investigate.ts';
import { apiPost } from '../../../lib/api-client.ts';

/** The server's cap on one request. */
export const MAX_SUBGRAPH_NODES = 5000;

export function getSubgraph(nodeIds: readonly string[], signal?: AbortSignal): Promise<Elements> {
  return apiPost('/api/subgraph', { nodes: nodeIds.slice(0, MAX_SUBGRAPH_NODES) }, elementsSchema, signal);
}
