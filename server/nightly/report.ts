/**
 * The nightly report as data (report.json): built from the comparison, the alerts and the run's history. Everything
 * outside `meta` is a function of the data and the options alone, so a run that was killed and run again writes the
 * same report as one that ran through (arrays are sorted, times and durations live in `meta`).
 */
import { kindOf, type RingKind } from '../rings/findings.ts';
import { sortAlerts, type Alert, type Suppressed } from './alerts.ts';
import type { NightlyChanges, RingChangeEntry } from './changes.ts';
import type { WebhookSummary } from './webhook.ts';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportParams {
  inputs: string[];
  alertThreshold: number;
  fpGrowthPercent: number;
  fpGrowthAccounts: number;
  alertExitCode: number;
  skipInvalid: boolean;
  appUrl: string;
}

export interface BaselineInfo {
  /** `nightly`: the last finished nightly run of the job; `detection`: no such run, the last detection run before
   *  this one started; `none`: nothing to compare with (every ring is new). */
  source: 'nightly' | 'detection' | 'none';
  runId: string | null;
  date: string | null;
  detectionRunId: string | null;
  rings: number;
}

export interface InputFile {
  name: string;
  sha256: string;
  rows: number;
  rejected: number;
  /** `this-run`: loaded by this night's run (by any attempt of it); `earlier`: already loaded before it started. */
  loaded: 'this-run' | 'earlier';
}

export interface RingChangeItem {
  ringId: string;
  /** Ring or duplicate-account pair. */
  ringKind: RingKind;
  previousId?: string;
  score: number;
  size: number;
  flagged: boolean;
  joined: string[];
  left: string[];
  mergedFrom?: string[];
  splitFrom?: string;
  url: string;
}

export interface TopRing {
  ringId: string;
  ringKind: RingKind;
  score: number;
  size: number;
  change: string;
  disposition: string | null;
  reasons: string[];
  url: string;
}

export interface HistoryPoint {
  date: string;
  rings: number;
  flagged: number;
  alerts: number;
}

export interface ReportMeta {
  generatedAt: string;
  startedAt: string;
  attemptStartedAt: string;
  attempt: number;
  detectionRunId: string;
  host: string;
  timingsMs: Record<string, number>;
}

export interface NightlyCounts {
  /** Findings of kind ring tonight. */
  rings: number;
  /** Duplicate-account pairs tonight. */
  pairs: number;
  /** Flagged findings of both kinds. */
  flagged: number;
  new: number;
  grown: number;
  shrunk: number;
  changed: number;
  unchanged: number;
  merged: number;
  split: number;
  dissolved: number;
  alerts: number;
  suppressed: number;
}

export interface NightlyReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  job: string;
  date: string;
  runId: string;
  params: ReportParams;
  baseline: BaselineInfo;
  input: { files: InputFile[]; rows: number; rejected: number };
  counts: NightlyCounts;
  alerts: Array<Alert & { url: string }>;
  suppressed: Array<Suppressed & { url: string }>;
  changes: {
    new: RingChangeItem[];
    grown: RingChangeItem[];
    shrunk: RingChangeItem[];
    changed: RingChangeItem[];
    merged: Array<{ ringId: string; mergedFrom: string[]; url: string }>;
    split: Array<{ previousId: string; splitInto: string[] }>;
    dissolved: Array<{ ringId: string; members: string[] }>;
  };
  topRings: TopRing[];
  /** Flagged rings and alerts per run, oldest first, this run last. */
  history: HistoryPoint[];
  webhook: WebhookSummary;
  meta: ReportMeta;
}

export interface DetectedRingSummary {
  id: string;
  /** Ring or duplicate-account pair; a ring when missing. */
  kind?: RingKind;
  score: number;
  flagged: boolean;
  members: readonly string[];
  reasons: readonly string[];
}

export interface ReportInput {
  job: string;
  date: string;
  runId: string;
  params: ReportParams;
  baseline: BaselineInfo;
  files: InputFile[];
  /** Tonight's rings, aligned with `changes.rings`. */
  rings: readonly DetectedRingSummary[];
  changes: NightlyChanges;
  dispositions: ReadonlyMap<string, string | null>;
  /** Every alert recorded for this date and job (this attempt's and any earlier attempt's). */
  alerts: readonly Alert[];
  suppressed: readonly Suppressed[];
  /** Earlier finished runs of the job, any order; the report keeps the last `historyRuns - 1` and adds this one. */
  history: readonly HistoryPoint[];
  historyRuns: number;
  topRings: number;
  webhook: WebhookSummary;
  meta: ReportMeta;
}

export function ringUrl(appUrl: string, ringId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/#/rings/${encodeURIComponent(ringId)}`;
}

export function buildReport(input: ReportInput): NightlyReport {
  const url = (id: string) => ringUrl(input.params.appUrl, id);
  const items: Record<'new' | 'grown' | 'shrunk' | 'changed', RingChangeItem[]> = {
    new: [],
    grown: [],
    shrunk: [],
    changed: [],
  };
  input.changes.rings.forEach((change, j) => {
    if (change.status === 'unchanged') return;
    items[change.status].push(changeItem(input.rings[j]!, change, url));
  });
  for (const list of Object.values(items)) sortAlerts(list);

  const counts: NightlyCounts = {
    rings: input.rings.filter((r) => kindOf(r) === 'ring').length,
    pairs: input.rings.filter((r) => kindOf(r) === 'pair').length,
    flagged: input.rings.filter((r) => r.flagged).length,
    new: input.changes.counts.new,
    grown: input.changes.counts.grown,
    shrunk: input.changes.counts.shrunk,
    changed: input.changes.counts.changed,
    unchanged: input.changes.counts.unchanged,
    merged: input.changes.counts.merged,
    split: input.changes.counts.split,
    dissolved: input.changes.counts.dissolved,
    alerts: input.alerts.length,
    suppressed: input.suppressed.length,
  };
  const statusOf = new Map(input.changes.rings.map((c) => [c.id, c.status]));
  const topRings = input.rings
    .filter((r) => r.flagged)
    .map((r) => ({ ringId: r.id, score: r.score, ring: r }))
    .sort((a, b) => b.score - a.score || compare(a.ringId, b.ringId))
    .slice(0, input.topRings)
    .map(({ ring }) => ({
      ringId: ring.id,
      ringKind: kindOf(ring),
      score: ring.score,
      size: ring.members.length,
      change: statusOf.get(ring.id) ?? 'new',
      disposition: input.dispositions.get(ring.id) ?? null,
      reasons: [...ring.reasons],
      url: url(ring.id),
    }));
  const history = [...input.history]
    .filter((h) => h.date < input.date)
    .sort((a, b) => compare(a.date, b.date))
    .slice(-(input.historyRuns - 1))
    .concat({ date: input.date, rings: counts.rings, flagged: counts.flagged, alerts: counts.alerts });
  const files = [...input.files].sort((a, b) => compare(a.name, b.name) || compare(a.sha256, b.sha256));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    job: input.job,
    date: input.date,
    runId: input.runId,
    params: input.params,
    baseline: input.baseline,
    input: {
      files,
      rows: files.reduce((n, f) => n + f.rows, 0),
      rejected: files.reduce((n, f) => n + f.rejected, 0),
    },
    counts,
    alerts: sortAlerts(input.alerts.map((a) => ({ ...a, url: url(a.ringId) }))),
    suppressed: sortAlerts(input.suppressed.map((s) => ({ ...s, url: url(s.ringId) }))),
    changes: {
      ...items,
      merged: input.changes.merged
        .map((m) => ({ ringId: m.id, mergedFrom: m.mergedFrom, url: url(m.id) }))
        .sort((a, b) => compare(a.ringId, b.ringId)),
      split: [...input.changes.split].sort((a, b) => compare(a.previousId, b.previousId)),
      dissolved: input.changes.dissolved
        .map((d) => ({ ringId: d.id, members: d.members }))
        .sort((a, b) => compare(a.ringId, b.ringId)),
    },
    topRings,
    history,
    webhook: input.webhook,
    meta: input.meta,
  };
}

function changeItem(ring: DetectedRingSummary, change: RingChangeEntry, url: (id: string) => string): RingChangeItem {
  return {
    ringId: ring.id,
    ringKind: kindOf(ring),
    ...(change.previousId ? { previousId: change.previousId } : {}),
    score: ring.score,
    size: ring.members.length,
    flagged: ring.flagged,
    joined: change.joined,
    left: change.left,
    ...(change.mergedFrom ? { mergedFrom: change.mergedFrom } : {}),
    ...(change.splitFrom ? { splitFrom: change.splitFrom } : {}),
    url: url(ring.id),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
