/** Request shapes of the detection-run API. */
import { z } from 'zod';

export const RunIdParam = z.object({
  id: z.string().regex(/^run-[0-9A-Za-z-]{6,60}$/, 'a run id such as run-20261124T050000Z-abc123'),
});

export const DetectBody = z
  .object({
    resolution: z.number().positive().max(10).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
    maxSharers: z.number().int().min(2).max(10_000).optional(),
    alertThreshold: z.number().min(0).max(100).optional(),
  })
  .strict()
  .default({});
