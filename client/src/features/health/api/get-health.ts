/** GET /api/health: is the API up and Neo4j connected. */
import { z } from 'zod';
import { apiGet } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

export const healthSchema = z.object({
  status: z.string(),
  ringlens: z.string(),
  neo4j: z.object({
    connected: z.boolean(),
    version: z.string().optional(),
    edition: z.string().optional(),
    error: z.string().optional(),
  }),
});
export type Health = z.infer<typeof healthSchema>;

export function getHealth(signal?: AbortSignal): Promise<Health> {
  // A 503 still carries the health document (Neo4j down); show it rather than a generic error.
  return apiGet('/api/health', healthSchema, { signal, acceptStatus: [503] });
}

export function useHealth() {
  return useApi('health', getHealth);
}
