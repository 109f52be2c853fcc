/**
 * Sends the night's alerts to ALERT_WEBHOOK_URL. At least once: the payload holds every alert of the job from this
 * night and the `PENDING_DAYS` before it that no delivery has acknowledged (so a night whose webhook failed is sent
 * again with the next one; at most `MAX_WEBHOOK_ALERTS`, oldest first, with `truncated: true` when more wait), and
 * alerts are marked delivered only after a 2xx. `deliveryId` is the nightly run id, so
 * a receiver can drop a repeat. Nothing is ever dropped silently: the outcome goes into the report, the logs and the
 * NightlyRun node.
 */
import type { Db } from '../db/database.ts';
import type { NightlyCounts } from './report.ts';
import { ringUrl } from './report.ts';
import { markNotified, pendingAlerts, recordWebhook, type StoredAlert } from './store.ts';
import {
  postWebhook,
  webhookTarget,
  type WebhookAttempt,
  type WebhookOptions,
  type WebhookSummary,
} from './webhook.ts';

export const PENDING_DAYS = 7;
export const MAX_WEBHOOK_ALERTS = 500;

export interface NotifyInput {
  url: string | undefined;
  runId: string;
  job: string;
  date: string;
  counts: NightlyCounts;
  appUrl: string;
  reportPath: string;
  /** What an earlier attempt of the same run did: reported again when it delivered and nothing is left to send. */
  previous: WebhookSummary | null;
  options?: Partial<WebhookOptions>;
  onAttempt?: (attempt: WebhookAttempt) => void;
}

export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function webhookPayload(input: NotifyInput, alerts: readonly StoredAlert[]) {
  return {
    event: 'ringlens.nightly.alerts',
    deliveryId: input.runId,
    job: input.job,
    date: input.date,
    runId: input.runId,
    counts: input.counts,
    report: input.reportPath,
    alerts: alerts.map((a) => ({
      date: a.date,
      ringId: a.ringId,
      /** 'ring' or 'pair' (a duplicate-account pair). */
      ringKind: a.ringKind,
      kind: a.kind,
      score: a.score,
      size: a.size,
      joined: a.joined.slice(0, 50),
      disposition: a.disposition,
      reasons: a.reasons.slice(0, 3),
      url: ringUrl(input.appUrl, a.ringId),
      ...(a.reAlert ? { reAlert: a.reAlert } : {}),
    })),
  };
}

export async function notify(db: Db, input: NotifyInput): Promise<WebhookSummary> {
  if (!input.url) return { status: 'not-configured', target: null, attempts: 0, alerts: 0 };
  const target = webhookTarget(input.url);
  // One more than the cap tells whether some must wait for the next run (oldest nights go first).
  const found = await pendingAlerts(
    db,
    input.job,
    input.date,
    daysBefore(input.date, PENDING_DAYS),
    MAX_WEBHOOK_ALERTS + 1,
  );
  const pending = found.slice(0, MAX_WEBHOOK_ALERTS);
  const truncated = found.length > pending.length;
  if (pending.length === 0) {
    return input.previous?.status === 'delivered'
      ? input.previous
      : { status: 'nothing-to-send', target, attempts: 0, alerts: 0 };
  }
  const result = await postWebhook(
    input.url,
    { ...webhookPayload(input, pending), truncated },
    {
      ...input.options,
      onAttempt: input.onAttempt,
    },
  );
  const last = result.attempts.at(-1);
  const summary: WebhookSummary = result.ok
    ? {
        status: 'delivered',
        target,
        attempts: result.attempts.length,
        alerts: pending.length,
        ...(truncated ? { truncated } : {}),
      }
    : {
        status: 'failed',
        target,
        attempts: result.attempts.length,
        alerts: pending.length,
        error: last?.error ?? 'unknown error',
        ...(truncated ? { truncated } : {}),
      };
  if (result.ok) {
    await markNotified(
      db,
      input.runId,
      pending.map((a) => a.key),
    );
  }
  await recordWebhook(db, input.runId, summary);
  return summary;
}
