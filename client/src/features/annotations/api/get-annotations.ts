/**
 * GET /api/{rings|accounts}/:id/annotations: the case file's timeline, every event oldest first — each note version,
 * tag change and disposition change, including those inherited from rings this one was split or merged from.
 */
import { z } from 'zod';
import { DISPOSITIONS } from '@contracts/vocabulary.ts';
import { apiGet, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

/** Neo4j does not store null properties, so an absent field reads as null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

export const annotationSchema = z.object({
  id: z.string(),
  targetType: z.enum(['ring', 'account']),
  targetId: z.string(),
  kind: z.enum(['note', 'tags', 'disposition']),
  noteId: optional(z.string()),
  version: z.number().int(),
  body: optional(z.string()),
  format: optional(z.enum(['text', 'markdown'])),
  tags: optional(z.array(z.string())),
  disposition: optional(z.enum(DISPOSITIONS)),
  previousDisposition: optional(z.enum(DISPOSITIONS)),
  assignee: optional(z.string()),
  author: z.string(),
  at: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const timelineEntrySchema = annotationSchema.extend({
  /** A newer version of this note exists. */
  superseded: z.boolean(),
  /** The ring it was recorded on, when inherited through a split or merge; null for this target's own events. */
  inheritedFrom: optional(z.string()),
  /** How it came down: `split` / `merge` per generation. */
  via: optional(z.array(z.string())),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const timelineSchema = z.object({ items: z.array(timelineEntrySchema) });

/** A ring or an account, the two things that carry annotations. */
export interface AnnotationTarget {
  type: 'ring' | 'account';
  id: string;
}

/** `/rings/<id>` or `/accounts/<id>`: the API path of a target, below /api. */
export function targetPath(t: AnnotationTarget): string {
  return `/${t.type === 'ring' ? 'rings' : 'accounts'}/${segment(t.id)}`;
}

export async function getAnnotations(t: AnnotationTarget, signal?: AbortSignal): Promise<TimelineEntry[]> {
  return (await apiGet(`/api${targetPath(t)}/annotations`, timelineSchema, { signal })).items;
}

export function useAnnotations(t: AnnotationTarget) {
  return useApi(`${t.type}:${t.id}`, (signal) => getAnnotations(t, signal), { keepPrevious: true });
}
