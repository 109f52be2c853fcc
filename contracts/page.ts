/** The paged lists of the API (GET /api/rings, GET /api/audit): one page of items and how many there are in all. */
import { z } from 'zod';

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
