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
