/**
 * The alert webhook: one JSON POST, retried with exponential backoff on failures that may pass (network errors,
 * timeouts, 408, 429, 5xx); a 4xx that says the request itself is wrong is not retried. The outcome is always
 * returned — the caller puts it in the report and the logs and leaves undelivered alerts pending for the next run.
 */
export interface WebhookOptions {
  tries: number;
  /** Wait before the second try; doubled before each further try. */
  backoffMs: number;
  timeoutMs: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onAttempt?: (attempt: WebhookAttempt) => void;
}

export const WEBHOOK_DEFAULTS = { tries: 3, backoffMs: 2000, timeoutMs: 10_000 } satisfies WebhookOptions;

export interface WebhookAttempt {
  attempt: number;
  ok: boolean;
  httpStatus?: number;
  error?: string;
  retriable: boolean;
}

export interface WebhookResult {
  ok: boolean;
  attempts: WebhookAttempt[];
}

/** What the report and NightlyRun say about the webhook. */
export interface WebhookSummary {
  status: 'not-configured' | 'nothing-to-send' | 'delivered' | 'failed';
  /** Where it was sent (origin only: webhook paths often carry a secret). */
  target: string | null;
  attempts: number;
  /** Alerts in the delivered (or undeliverable) payload. */
  alerts: number;
  error?: string;
  /** More alerts were pending than one payload carries; the rest go with the next run. */
  truncated?: boolean;
}

export function webhookTarget(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}

function retriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export async function postWebhook(url: string, body: unknown, options: Partial<WebhookOptions> = {}) {
  const o = { ...WEBHOOK_DEFAULTS, ...options };
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts: WebhookAttempt[] = [];
  for (let attempt = 1; attempt <= o.tries; attempt++) {
    let result: WebhookAttempt;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'ringlens-nightly/1' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      // Drain the body so the connection can be reused or closed.
      const text = await res.text().catch(() => '');
      result = res.ok
        ? { attempt, ok: true, httpStatus: res.status, retriable: false }
        : {
            attempt,
            ok: false,
            httpStatus: res.status,
            error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
            retriable: retriableStatus(res.status),
          };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const detail = e.name === 'TimeoutError' ? `timed out after ${o.timeoutMs} ms` : (e.cause?.code ?? e.message);
      result = { attempt, ok: false, error: detail, retriable: true };
    }
    attempts.push(result);
    o.onAttempt?.(result);
    if (result.ok) return { ok: true, attempts } satisfies WebhookResult;
    if (!result.retriable || attempt === o.tries) break;
    await sleep(o.backoffMs * 2 ** (attempt - 1));
  }
  return { ok: false, attempts } satisfies WebhookResult;
}
