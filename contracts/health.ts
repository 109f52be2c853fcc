/** GET /api/health: is the API up and Neo4j connected (503, with the same document, when it is not). */
import { z } from 'zod';

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
