/** GET /api/health: is the API up and Neo4j connected. */
import { healthSchema, type Health } from '@contracts/health.ts';
import { apiGet } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export function getHealth(signal?: AbortSignal): Promise<Health> {
  // A 503 still carries the health document (Neo4j down); show it rather than a generic error.
  return apiGet('/api/health', healthSchema, { signal, acceptStatus: [503] });
}

export function useHealth() {
  return useApi('health', getHealth);
}
