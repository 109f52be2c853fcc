/**
 * Every error answer of the API (4xx and 5xx, except /api/health's 503, which is a health document): a code to branch
 * on, a sentence to show the user, and for invalid input the field each problem is in.
 */
import { z } from 'zod';

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** validation_failed: one entry per problem, `path` naming the field (or body, query, path). */
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
