/**
 * One nightly run: load new input files, run detection, compare with the previous nightly run, record alerts, notify
 * the webhook, write the report, record the run. Safe to run unattended:
 *
 * - A `nightly` lock in Neo4j keeps two runs from overlapping; it expires when its holder dies, and a holder on this
 *   machine that no longer exists is taken over at once (server/runs/nightly-locks.ts).
 * - Every step is idempotent, so a run killed at any point and started again ends in the state of one clean run:
 *   files are recognised by content hash (a half-loaded file has no IngestFile record and is loaded again with
 *   MERGE-only writes); the NightlyRun node is keyed by job and date; the comparison is always with the last
 *   *finished* nightly run (not with the detection run the killed attempt left behind); alerts are MERGEd by
 *   (job, date, ring); report files are replaced atomically.
 */
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import { DEFAULT_SETTINGS, type DetectionSettingsInput } from '../detect/settings.ts';
import type { LoadOptions } from '../ingest/loader.ts';
import type { NormalizeOptions } from '../ingest/normalize.ts';
import { countByKind, type Finding } from '../rings/findings.ts';
import { newRunId, runDetection, type Detector, type RunProgress } from '../runs/detection-service.ts';
import { alertKind, evaluateAlerts, type AlertRules, type RingForAlert } from './alerts.ts';
import { compareWithBaseline } from './changes.ts';
import { loadInputs } from './inputs.ts';
import { alertTitle } from './report-text.ts';
import { acquireOrTakeOver, holderName } from '../runs/nightly-locks.ts';
import { notify } from './notify.ts';
import { writeReportFiles, reportDirFor, type ReportFiles } from './report-files.ts';
import { buildReport, type NightlyReport, type ReportParams } from './report.ts';
import * as store from './store.ts';
import type { WebhookAttempt, WebhookOptions } from './webhook.ts';

export const NIGHTLY_PHASES = ['lock', 'load', 'detect', 'compare', 'alerts', 'webhook', 'report', 'finish'] as const;
export type NightlyPhase = (typeof NIGHTLY_PHASES)[number];

export const NIGHTLY_DEFAULTS = {
  job: 'nightly',
  reportDir: 'reports',
  alertThreshold: DEFAULT_SETTINGS.alertThreshold,
  fpGrowthPercent: 50,
  fpGrowthAccounts: 3,
  alertExitCode: 3,
  appUrl: 'http://127.0.0.1:8080',
  skipInvalid: false,
  /** Long enough to outlast a detection phase that keeps the event loop (and so the heartbeat) busy. */
  lockTtlSeconds: 900,
  /** How long to wait for a detection run someone else started (e.g. from the web app) to finish. */
  detectionWaitSeconds: 1800,
  topRings: 10,
  historyRuns: 30,
};

export interface NightlyOptions {
  job: string;
  /** YYYY-MM-DD: the run's identity (one run per job and date). */
  date: string;
  inputs: string[];
  reportDir: string;
  alertThreshold: number;
  fpGrowthPercent: number;
  fpGrowthAccounts: number;
  alertExitCode: number;
  appUrl: string;
  skipInvalid: boolean;
  lockTtlSeconds: number;
  detectionWaitSeconds: number;
  webhookUrl?: string;
  webhook?: Partial<WebhookOptions>;
  detectionSettings?: DetectionSettingsInput;
  /**
   * Detection reads what loads changed since the last run, from the cache in `dir` (runs/input-cache.ts); `full`
   * reads the whole graph and refreshes the cache. Without it, detection reads the whole graph and keeps nothing.
   */
  inputCache?: { dir: string; full?: boolean };
  /**
   * Where the input files' content hashes are remembered (ingest/hash-memo.ts), so an unchanged file is not read
   * again each night only to be recognised; without it every input file is read.
   */
  hashMemo?: string;
  /** The detection step (detectRings by default). */
  detector?: Detector;
  normalize?: NormalizeOptions;
  onReject?: LoadOptions['onReject'];
  /** Test hook: stop (without exiting) when this phase starts, so a test can kill the process there. */
  pauseAt?: NightlyPhase;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface NightlyEvent {
  level: LogLevel;
  event: string;
  message: string;
  [field: string]: unknown;
}
export type Emit = (event: NightlyEvent) => void;

export interface NightlyOutcome {
  report: NightlyReport;
  files: ReportFiles;
  exitCode: number;
}

export function nightlyRunId(job: string, date: string): string {
  return `${job}-${date}`;
}

export async function runNightly(db: Db, o: NightlyOptions, emit: Emit): Promise<NightlyOutcome> {
  const runId = nightlyRunId(o.job, o.date);
  const timings: Record<string, number> = {};
  let phaseStarted = performance.now();
  let current: NightlyPhase | undefined;
  const phase = async (next: NightlyPhase) => {
    const now = performance.now();
    if (current) {
      timings[current] = Math.round(now - phaseStarted);
      emit({ level: 'debug', event: 'phase.done', message: `${current} done`, phase: current, ms: timings[current] });
    }
    current = next;
    phaseStarted = now;
    emit({ level: 'info', event: 'phase.start', message: `${next} …`, phase: next, runId });
    if (o.pauseAt === next) {
      emit({ level: 'warn', event: 'paused', message: `paused at ${next} (test hook)`, phase: next });
      await new Promise(() => setInterval(() => {}, 60_000));
    }
  };
  const t0 = performance.now();

  // The schema (cypher/schema.cypher: NightlyRun and NightlyAlert keys, the IN_RING run index) for a job that may
  // run before the web server ever applied it.
  await db.applySchema();
  await phase('lock');
  const holder = holderName(runId);
  const lock = await acquireOrTakeOver(db, 'nightly', {
    holder,
    ttlSeconds: o.lockTtlSeconds,
    waitSeconds: 0,
    onTakeover: (stale) =>
      emit({ level: 'warn', event: 'lock.takeover', message: `took over the lock of dead ${stale}`, lock: 'nightly' }),
  });
  try {
    const params: ReportParams = {
      inputs: o.inputs,
      alertThreshold: o.alertThreshold,
      fpGrowthPercent: o.fpGrowthPercent,
      fpGrowthAccounts: o.fpGrowthAccounts,
      alertExitCode: o.alertExitCode,
      skipInvalid: o.skipInvalid,
      appUrl: o.appUrl,
    };
    const started = await store.startRun(db, { id: runId, job: o.job, date: o.date, params, holder });
    emit({
      level: 'info',
      event: 'nightly.start',
      message: `nightly run ${runId} (attempt ${started.attempt})`,
      runId,
      job: o.job,
      date: o.date,
      attempt: started.attempt,
    });

    await phase('load');
    const files = await loadInputs(db, o, started.startedAt, emit);

    await phase('detect');
    const detectionRunId = newRunId();
    await store.recordDetection(db, runId, detectionRunId, false);
    const detectionLock = await acquireOrTakeOver(db, 'detection', {
      holder: holderName(detectionRunId),
      ttlSeconds: o.lockTtlSeconds,
      waitSeconds: o.detectionWaitSeconds,
      onTakeover: (stale) =>
        emit({
          level: 'warn',
          event: 'lock.takeover',
          message: `took over the lock of dead ${stale}`,
          lock: 'detection',
        }),
      onWait: (h) =>
        emit({
          level: 'warn',
          event: 'lock.wait',
          message: `waiting for detection run ${h ?? '?'} to finish`,
          holder: h,
        }),
    });
    // runDetection releases the lock however it ends.
    const detection = await runDetection(db, {
      runId: detectionRunId,
      lock: detectionLock,
      ...(o.detectionSettings ? { settings: o.detectionSettings } : {}),
      ...(o.detector ? { detector: o.detector } : {}),
      ...(o.inputCache ? { inputCache: o.inputCache } : {}),
      onProgress: (p: RunProgress) =>
        emit({
          level: 'debug',
          event: 'progress',
          message: '',
          phase: 'detect',
          step: p.phase,
          done: p.done,
          total: p.total,
        }),
    });
    await store.recordDetection(db, runId, detection.id, true);
    const rings = detection.result.rings;
    const byKind = countByKind(rings as readonly Finding[]);
    emit({
      level: 'info',
      event: 'detect.done',
      message: `${byKind.ring.reported} rings and ${byKind.pair.reported} duplicate-account pairs, ${detection.result.counts.flagged} flagged`,
      detectionRunId: detection.id,
      rings: byKind.ring.reported,
      pairs: byKind.pair.reported,
      flagged: detection.result.counts.flagged,
      input: detection.input,
      timingsMs: detection.timings,
    });
    if (detection.input.saveError)
      emit({
        level: 'warn',
        event: 'detect.cache-not-saved',
        message: `detection's input was not kept for the next night: ${detection.input.saveError}`,
      });

    await phase('compare');
    const baseline = await store.findBaseline(db, o.job, o.date, started.startedAt);
    const changes = compareWithBaseline(baseline.rings, rings, detection.result.settings.matchThreshold);
    emit({
      level: 'info',
      event: 'compare.done',
      message: 'compared with the previous run',
      baseline: baseline.info,
      counts: changes.counts,
    });

    await phase('alerts');
    const rules: AlertRules = {
      threshold: o.alertThreshold,
      fpGrowthPercent: o.fpGrowthPercent,
      fpGrowthAccounts: o.fpGrowthAccounts,
    };
    const candidates = rings.map((r, j): RingForAlert => ({ ...r, change: changes.rings[j]!, disposition: null }));
    const alertable = candidates.filter((r) => r.score >= rules.threshold && alertKind(r));
    const flagged = rings.filter((r) => r.flagged);
    const disp = await store.dispositions(db, [...new Set([...alertable, ...flagged].map((r) => r.id))]);
    for (const r of alertable) r.disposition = disp.get(r.id) ?? null;
    const fpIds = alertable.filter((r) => r.disposition === 'false_positive').map((r) => r.id);
    const references = await store.alertReferences(db, o.job, o.date, fpIds);
    const evaluated = evaluateAlerts(alertable, rules, references);
    await store.recordAlerts(db, runId, o.job, o.date, evaluated.alerts);
    const stored = await store.alertsForDate(db, o.job, o.date);
    for (const a of evaluated.alerts) {
      emit({
        level: 'warn',
        event: 'alert',
        message: `${alertTitle(a)} ${a.ringId} (score ${a.score}, ${a.size} accounts)`,
        ...a,
      });
    }
    for (const s of evaluated.suppressed) {
      emit({
        level: 'info',
        event: 'alert.suppressed',
        message: `false positive ${s.ringId} grew by ${s.growth} only`,
        ...s,
      });
    }

    const dir = reportDirFor(o.reportDir, o.job, o.date, NIGHTLY_DEFAULTS.job);
    const reportBase = {
      job: o.job,
      date: o.date,
      runId,
      params,
      baseline: baseline.info,
      files,
      rings,
      changes,
      dispositions: disp,
      alerts: stored.map(({ key: _key, date: _date, ...a }) => a),
      suppressed: evaluated.suppressed,
      historyRuns: NIGHTLY_DEFAULTS.historyRuns,
      topRings: NIGHTLY_DEFAULTS.topRings,
    };
    const counts = buildReport({
      ...reportBase,
      history: [],
      webhook: { status: 'not-configured', target: null, attempts: 0, alerts: 0 },
      meta: meta(started, detection.id, timings),
    }).counts;

    await phase('webhook');
    const webhook = await notify(db, {
      url: o.webhookUrl,
      runId,
      job: o.job,
      date: o.date,
      counts,
      appUrl: o.appUrl,
      reportPath: `${dir}/report.html`,
      previous: started.webhook,
      ...(o.webhook ? { options: o.webhook } : {}),
      onAttempt: (a: WebhookAttempt) =>
        emit({
          level: a.ok ? 'info' : 'warn',
          event: 'webhook.attempt',
          message: a.ok
            ? `webhook delivered (attempt ${a.attempt})`
            : `webhook attempt ${a.attempt} failed: ${a.error}`,
          ...a,
        }),
    });
    if (webhook.status === 'failed') {
      emit({
        level: 'error',
        event: 'webhook.failed',
        message: `webhook failed after ${webhook.attempts} attempt(s): ${webhook.error}; ${webhook.alerts} alert(s) stay pending for the next run`,
        ...webhook,
      });
    }

    await phase('report');
    const previousRuns = await store.history(db, o.job, o.date, NIGHTLY_DEFAULTS.historyRuns - 1);
    timings.total = Math.round(performance.now() - t0);
    const report = buildReport({
      ...reportBase,
      history: previousRuns,
      webhook,
      meta: meta(started, detection.id, timings),
    });
    const written = await writeReportFiles(dir, report);
    emit({ level: 'info', event: 'report.written', message: `report written to ${written.dir}`, ...written });

    await phase('finish');
    await store.finishRun(db, runId, {
      counts: report.counts,
      rings: report.counts.rings,
      flagged: report.counts.flagged,
      alerts: report.counts.alerts,
      webhook,
      reportDir: written.dir,
      baseline: baseline.info,
      timings,
    });
    const exitCode = report.counts.alerts > 0 ? o.alertExitCode : 0;
    emit({
      level: 'info',
      event: 'nightly.done',
      message: `${report.counts.alerts} alert(s); report in ${written.dir}`,
      runId,
      exitCode,
      counts: report.counts,
      timingsMs: timings,
    });
    return { report, files: written, exitCode };
  } catch (err) {
    await store.failRun(db, runId, (err as Error).message ?? String(err)).catch(() => {});
    throw err;
  } finally {
    await lock.release().catch(() => {});
  }
}

function meta(started: store.StartedRun, detectionRunId: string, timings: Record<string, number>) {
  return {
    generatedAt: new Date().toISOString(),
    startedAt: started.startedAt,
    attemptStartedAt: started.attemptStartedAt,
    attempt: started.attempt,
    detectionRunId,
    host: hostname(),
    timingsMs: { ...timings },
  };
}
