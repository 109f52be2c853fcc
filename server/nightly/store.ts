/**
 * The nightly job's records in Neo4j: one (:NightlyRun) per job and date, (:NightlyAlert) per job, date and ring,
 * and the reads the comparison needs. Every write is idempotent (MERGE / SET), so a re-run repeats them harmlessly.
 */
import type { Db } from '../db/database.ts';
import { kindOf } from '../rings/findings.ts';
import type { PreviousRing } from '../detect/match.ts';
import type { Alert, AlertKind, ReAlert } from './alerts.ts';
import type { BaselineInfo, HistoryPoint } from './report.ts';
import type { WebhookSummary } from './webhook.ts';

const BATCH = 5000;

export interface StartedRun {
  startedAt: string;
  attemptStartedAt: string;
  attempt: number;
  /** What an earlier attempt's webhook delivery did, if one got that far. */
  webhook: WebhookSummary | null;
}

export async function startRun(
  db: Db,
  run: { id: string; job: string; date: string; params: unknown; holder: string },
): Promise<StartedRun> {
  const [row] = await db.write<Omit<StartedRun, 'webhook'> & { webhook: string | null }>('nightly-run-start.write', {
    ...run,
    params: JSON.stringify(run.params),
  });
  return { ...row!, webhook: row!.webhook ? (JSON.parse(row!.webhook) as WebhookSummary) : null };
}

export async function recordWebhook(db: Db, id: string, webhook: WebhookSummary): Promise<void> {
  await db.write('nightly-run-webhook.write', { id, webhook: JSON.stringify(webhook) });
}

export async function recordDetection(db: Db, id: string, detectionRunId: string, finished: boolean): Promise<void> {
  await db.write('nightly-run-detection.write', { id, detectionRunId, finished });
}

export async function finishRun(
  db: Db,
  id: string,
  f: {
    counts: object;
    rings: number;
    flagged: number;
    alerts: number;
    webhook: WebhookSummary;
    reportDir: string;
    baseline: BaselineInfo;
    timings: object;
  },
): Promise<void> {
  await db.write('nightly-run-finish.write', {
    id,
    counts: JSON.stringify(f.counts),
    rings: f.rings,
    flagged: f.flagged,
    alerts: f.alerts,
    webhook: JSON.stringify(f.webhook),
    reportDir: f.reportDir,
    baseline: JSON.stringify(f.baseline),
    timings: JSON.stringify(f.timings),
  });
}

export async function failRun(db: Db, id: string, error: string): Promise<void> {
  await db.write('nightly-run-fail.write', { id, error });
}

/** The rings to compare with, and where they come from (see BaselineInfo). */
export async function findBaseline(
  db: Db,
  job: string,
  date: string,
  startedAt: string,
): Promise<{ info: BaselineInfo; rings: PreviousRing[] }> {
  const [nightly] = await db.read<{ runId: string; date: string; detectionRunId: string }>('nightly-baseline.read', {
    job,
    date,
  });
  let info: BaselineInfo;
  if (nightly) {
    info = { source: 'nightly', ...nightly, rings: 0 };
  } else {
    const [detection] = await db.read<{ detectionRunId: string }>('nightly-baseline-detection.read', {
      before: startedAt,
    });
    info = detection
      ? { source: 'detection', runId: null, date: null, detectionRunId: detection.detectionRunId, rings: 0 }
      : { source: 'none', runId: null, date: null, detectionRunId: null, rings: 0 };
  }
  const rings = info.detectionRunId ? await runRings(db, info.detectionRunId) : [];
  info.rings = rings.length;
  return { info, rings };
}

export async function runRings(db: Db, runId: string): Promise<PreviousRing[]> {
  const rows = await db.read<{ id: string; members: string[] }>('nightly-run-rings.read', { runId });
  return rows.map((r) => ({ id: r.id, members: [...r.members].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function dispositions(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db.read<{ id: string; disposition: string | null }>('nightly-ring-dispositions.read', {
      ids: ids.slice(i, i + BATCH),
    });
    for (const r of rows) out.set(r.id, r.disposition);
  }
  return out;
}

/** Members at each ring's last alert of the job before `date`. */
export async function alertReferences(
  db: Db,
  job: string,
  date: string,
  ringIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (ringIds.length === 0) return new Map();
  const rows = await db.read<{ ringId: string; members: string[] }>('nightly-alert-references.read', {
    job,
    date,
    ringIds,
  });
  return new Map(rows.map((r) => [r.ringId, r.members]));
}

export async function recordAlerts(db: Db, runId: string, job: string, date: string, alerts: readonly Alert[]) {
  for (let i = 0; i < alerts.length; i += BATCH) {
    await db.write('nightly-alerts-record.write', {
      runId,
      job,
      date,
      alerts: alerts.slice(i, i + BATCH).map((a) => ({
        ringId: a.ringId,
        ringKind: a.ringKind,
        kind: a.kind,
        score: a.score,
        size: a.size,
        joined: a.joined,
        members: a.members,
        reasons: a.reasons,
        disposition: a.disposition,
        mergedFrom: a.mergedFrom ?? null,
        splitFrom: a.splitFrom ?? null,
        reAlert: a.reAlert ? JSON.stringify(a.reAlert) : null,
      })),
    });
  }
}

interface AlertRow {
  key: string;
  date: string;
  ringId: string;
  ringKind: string | null;
  kind: AlertKind;
  score: number;
  size: number;
  joined: string[];
  members: string[];
  reasons: string[];
  disposition: string | null;
  mergedFrom: string[] | null;
  splitFrom: string | null;
  reAlert: string | null;
}

export type StoredAlert = Alert & { key: string; date: string };

function toAlert(r: AlertRow): StoredAlert {
  return {
    key: r.key,
    date: r.date,
    ringId: r.ringId,
    ringKind: kindOf({ kind: r.ringKind }),
    kind: r.kind,
    score: r.score,
    size: r.size,
    joined: r.joined ?? [],
    members: r.members ?? [],
    reasons: r.reasons ?? [],
    disposition: r.disposition ?? null,
    ...(r.mergedFrom ? { mergedFrom: r.mergedFrom } : {}),
    ...(r.splitFrom ? { splitFrom: r.splitFrom } : {}),
    ...(r.reAlert ? { reAlert: JSON.parse(r.reAlert) as ReAlert } : {}),
  };
}

export async function alertsForDate(db: Db, job: string, date: string): Promise<StoredAlert[]> {
  const rows = await db.read<{ alert: AlertRow }>('nightly-alerts-for-date.read', { job, date });
  return rows.map((r) => toAlert(r.alert));
}

export async function pendingAlerts(
  db: Db,
  job: string,
  date: string,
  since: string,
  limit: number,
): Promise<StoredAlert[]> {
  const rows = await db.read<{ alert: AlertRow }>('nightly-alerts-pending.read', { job, date, since, limit });
  return rows.map((r) => toAlert(r.alert));
}

export async function markNotified(db: Db, runId: string, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.write('nightly-alerts-notified.write', { runId, keys });
}

export async function history(db: Db, job: string, date: string, limit: number): Promise<HistoryPoint[]> {
  return db.read<HistoryPoint>('nightly-history.read', { job, date, limit });
}

export async function ingestFiles(
  db: Db,
  hashes: readonly string[],
  since: string,
): Promise<Map<string, { rows: number; rejected: number; thisRun: boolean }>> {
  const rows = await db.read<{ sha256: string; rows: number; rejected: number; thisRun: boolean }>(
    'nightly-ingest-files.read',
    { hashes, since },
  );
  return new Map(rows.map((r) => [r.sha256, { rows: r.rows, rejected: r.rejected, thisRun: r.thisRun }]));
}
