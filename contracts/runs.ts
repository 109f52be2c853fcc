/** Request shapes of the detection-run API. */
import { z } from 'zod';
import { TunableSettings } from './detection-settings.ts';

export const RunIdParam = z.object({
  id: z.string().regex(/^run-[0-9A-Za-z-]{6,60}$/, 'a run id such as run-20261124T050000Z-abc123'),
});

/** POST /api/detect: the settings of the run (bounds in contracts/detection-settings.ts). */
export const DetectBody = TunableSettings.default({});

// --- Responses: GET /api/runs and GET /api/runs/:id ------------------------------------------------------------------

export const RUN_STATUSES = ['running', 'finished', 'failed'] as const;

/** A run in the list: JSON-encoded properties decoded; absent until the run finishes. */
export const RunSummary = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  modularity: z.number().nullish(),
  /** Rings, flagged rings, candidates … as counted by the run (server/detect/pipeline.ts). */
  counts: z.record(z.string(), z.unknown()).nullish(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunList = z.object({ items: z.array(RunSummary) });
export type RunList = z.infer<typeof RunList>;

export const RunDetail = RunSummary.extend({
  /** The resolved detection settings of the run. */
  params: z.record(z.string(), z.unknown()).nullish(),
  timings: z.record(z.string(), z.number()).nullish(),
  crowds: z.array(z.object({ kind: z.string(), key: z.string(), sharers: z.number() })).nullish(),
  diff: z.record(z.string(), z.unknown()).nullish(),
  error: z.string().nullish(),
});
export type RunDetail = z.infer<typeof RunDetail>;
