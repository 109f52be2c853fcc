/**
 * Saved views: a canvas as the investigator left it (which nodes, where, what is hidden, pinned and grouped, the time
 * window and the layout), saved with a case (a ring or an account) and reopened by its address `#/views/<id>`.
 * Nodes are kept by id, never by their data: a reopened view reads them afresh, so it shows what is true now.
 */
import { z } from 'zod';

export const VIEW_LAYOUTS = ['force', 'concentric', 'breadthfirst'] as const;
/** Enough for any canvas the workbench draws (the subgraph read takes up to 5,000 nodes). */
export const MAX_VIEW_NODES = 5000;

const nodeRef = z.string().min(3).max(600);
const nodeRefs = z.array(nodeRef).max(MAX_VIEW_NODES);

export const savedViewStateSchema = z
  .object({
    /** What the canvas was called when saved (a ring, an account). */
    title: z.string().max(300).nullable(),
    /** Every node on the canvas, hidden ones too, where it was drawn (graph coordinates). */
    nodes: z
      .array(z.object({ id: nodeRef, x: z.number().finite(), y: z.number().finite() }).strict())
      .min(1)
      .max(MAX_VIEW_NODES),
    hidden: nodeRefs,
    pinned: nodeRefs,
    groups: z.array(z.object({ identifier: nodeRef, members: nodeRefs, collapsed: z.boolean() }).strict()).max(500),
    /** The time filter (epoch milliseconds), or null for all dates. */
    window: z.object({ from: z.number().finite(), to: z.number().finite() }).strict().nullable(),
    layout: z.enum(VIEW_LAYOUTS),
  })
  .strict();
export type SavedViewState = z.infer<typeof savedViewStateSchema>;

export const SaveViewBody = z
  .object({ name: z.string().trim().min(1, 'must not be empty').max(120), state: savedViewStateSchema })
  .strict();
export type SaveViewBody = z.infer<typeof SaveViewBody>;

export const ViewIdParam = z.object({ id: z.string().uuid('a saved view id') });

export const savedViewSummarySchema = z.object({
  id: z.string(),
  targetType: z.enum(['ring', 'account']),
  targetId: z.string(),
  name: z.string(),
  author: z.string(),
  at: z.string(),
  nodeCount: z.number().int(),
});
export type SavedViewSummary = z.infer<typeof savedViewSummarySchema>;

export const savedViewSchema = savedViewSummarySchema.extend({ state: savedViewStateSchema });
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListSchema = z.object({ items: z.array(savedViewSummarySchema) });
