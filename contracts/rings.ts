/** Request and response shapes of the ring-queue API, shared with the client as z.infer types. */
import { z } from 'zod';
import { pageOf } from './page.ts';
import { RING_CHANGES, RING_STATUSES } from './vocabulary.ts';

export const RING_SORTS = ['score', 'size', 'lastSeen'] as const;
/** Dispositions that close a case: the queue hides them unless asked (`closed=true`). */
export const CLOSED_STATUSES = ['confirmed_fraud', 'false_positive'] as const;
/** A ring (a community of accounts) or a duplicate-account pair (two accounts tied by a strong identifier). */
export const RING_KINDS = ['ring', 'pair'] as const;
export type RingKind = (typeof RING_KINDS)[number];

export const RingListQuery = z.object({
  minScore: z.coerce.number().min(0).max(100).default(0),
  status: z.enum(RING_STATUSES).optional(),
  change: z.enum(RING_CHANGES).optional(),
  /** Only rings or only pairs; both when absent. */
  kind: z.enum(RING_KINDS).optional(),
  assignee: z.string().trim().min(1).max(100).optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** false: only open cases; true: only closed ones; absent: both. */
  closed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(RING_SORTS).default('score'),
  order: z.enum(['desc', 'asc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type RingListQuery = z.infer<typeof RingListQuery>;

export const RingIdParam = z.object({
  id: z
    .string()
    .regex(/^(ring|pair)-[0-9a-f]{6,40}(-\d+)?$/, 'a ring or pair id such as ring-1a2b3c4d5e6f or pair-1a2b3c4d5e6f'),
});
/** One term of GET /api/rings/:id's scoreBreakdown: a reason and the points it added to the score. */
export const ScoreTerm = z.object({ reason: z.string(), points: z.number() });
export type ScoreTerm = z.infer<typeof ScoreTerm>;

// --- Responses: GET /api/rings and GET /api/rings/:id ----------------------------------------------------------------
// Status and change are read as plain strings so a value the server adds later still displays. Neo4j stores no null
// properties, so absent fields are filled here: `z.infer` is what the web app works with, `z.input` (…Json) what the
// server sends (server/rings/service.ts declares it).

const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const ringSummarySchema = z.object({
  id: z.string(),
  /** A ring, or a duplicate-account pair; a ring stored before pairs existed comes without a kind. */
  kind: z
    .string()
    .nullish()
    .transform((v): RingKind => (v === 'pair' ? 'pair' : 'ring')),
  score: z.number(),
  size: z.number(),
  status: z
    .string()
    .nullish()
    .transform((v) => v ?? 'new'),
  change: z
    .string()
    .nullish()
    .transform((v) => v ?? 'unchanged'),
  /** Who the case is assigned to (set with the disposition). */
  assignee: z.string().nullish(),
  tags: strings,
  flagged: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  reasons: strings,
  /** How many members joined and left since the ring's previous run (the ids are in the ring's detail). */
  joinedCount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  leftCount: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  lastSeenRun: z.string().nullish(),
  lastSeenAt: z.string().nullish(),
});
export type RingSummary = z.infer<typeof ringSummarySchema>;

export const ringPageSchema = pageOf(ringSummarySchema).extend({
  /** No detection run before the latest: every ring is "new" and flagged, so those marks say nothing. */
  firstRun: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type RingPage = z.infer<typeof ringPageSchema>;
export type RingPageJson = z.input<typeof ringPageSchema>;

export const evidenceEdgeSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** An identifier kind, or `transfer` for payments between members. */
  kind: z.string(),
  key: z.string(),
  count: z.number().nullish(),
  total: z.number().nullish(),
});
export type EvidenceEdge = z.infer<typeof evidenceEdgeSchema>;

export const ringDetailSchema = ringSummarySchema.omit({ joinedCount: true, leftCount: true }).extend({
  /** Members who joined and left since the ring's previous run. */
  joined: strings,
  left: strings,
  members: z.array(
    z.object({
      id: z.string(),
      label: z.string().nullish(),
      createdAt: z.string().nullish(),
      type: z.string().nullish(),
      country: z.string().nullish(),
      /** The member account's own case disposition (absent: new). */
      disposition: z
        .string()
        .nullish()
        .transform((v) => v ?? 'new'),
    }),
  ),
  evidence: z
    .object({ edges: z.array(evidenceEdgeSchema), truncated: z.boolean().nullish() })
    .nullish()
    .transform((v) => v ?? { edges: [], truncated: false }),
  features: z.unknown().optional(),
  history: z
    .array(z.object({ runId: z.string(), size: z.number() }))
    .nullish()
    .transform((v) => v ?? []),
  /** Each reason with the points it added to the score; null when the ring was stored without points. */
  scoreBreakdown: z
    .array(ScoreTerm)
    .nullish()
    .transform((v) => v ?? null),
  mergedFrom: strings,
  splitFrom: z.union([z.string(), z.array(z.string())]).nullish(),
});
export type RingDetail = z.infer<typeof ringDetailSchema>;
export type RingDetailJson = z.input<typeof ringDetailSchema>;
