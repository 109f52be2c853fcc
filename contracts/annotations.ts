/** Annotation requests: notes (plain text or Markdown), tags and dispositions on rings and accounts. */
import { z } from 'zod';
import { DISPOSITIONS } from './vocabulary.ts';

export const TargetParams = z.object({
  targetType: z
    .enum(['rings', 'accounts'])
    .transform((t) => (t === 'rings' ? ('ring' as const) : ('account' as const))),
  targetId: z.string().min(1).max(200),
});

export const NoteBody = z
  .object({
    body: z.string().trim().min(1, 'must not be empty').max(20_000),
    format: z.enum(['text', 'markdown']).default('text'),
    /** To edit a note: the id of the version being replaced (must be its newest version). */
    supersedes: z.string().uuid().optional(),
  })
  .strict();

export const TagsBody = z
  .object({
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(40)
          .regex(/^[\p{L}\p{N} _.:-]+$/u, 'letters, digits, space, _ . : - only'),
      )
      .max(30)
      .transform((t) => [...new Set(t)].sort()),
  })
  .strict();

export const DispositionBody = z
  .object({
    disposition: z.enum(DISPOSITIONS),
    assignee: z.string().trim().min(1).max(100).nullable().optional(),
    /** Why: stored as the event's note. */
    comment: z.string().trim().max(5000).optional(),
  })
  .strict();

// --- Responses: an annotation (POST notes/tags/disposition) and the timeline (GET …/annotations) ----------------------
// `z.infer` is what the web app works with; `z.input` (…Json) what the server sends (server/annotate/service.ts).

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

export const timelineSchema = z.object({ items: z.array(timelineEntrySchema) });
export type AnnotationJson = z.input<typeof annotationSchema>;
export type TimelineEntryJson = z.input<typeof timelineEntrySchema>;
