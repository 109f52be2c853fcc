/** Annotation requests: notes (plain text or Markdown), tags and dispositions on rings and accounts. */
import { z } from 'zod';

export const DISPOSITIONS = ['new', 'under_review', 'confirmed_fraud', 'false_positive', 'escalated'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The disposition workflow: new → under_review → confirmed_fraud | false_positive | escalated; an escalated case
 * goes back to review or to a verdict; a verdict can be reopened for review. Anything else is refused.
 */
export const DISPOSITION_TRANSITIONS: Readonly<Record<Disposition, readonly Disposition[]>> = {
  new: ['under_review'],
  under_review: ['confirmed_fraud', 'false_positive', 'escalated'],
  escalated: ['under_review', 'confirmed_fraud', 'false_positive'],
  confirmed_fraud: ['under_review'],
  false_positive: ['under_review'],
};

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
