/**
 * Refused requests in the audit trail — complete and bounded. Every 401, 403 (CSRF included) and 429 the API answers
 * is counted in memory under (actor, address, status, code) for the current window; when the window closes, each key
 * becomes ONE `access.refused` event carrying its count, the window and up to five of the routes refused. A flood
 * therefore costs at most `maxKeys` + 1 events per window however fast it comes (past `maxKeys` distinct keys the
 * rest are summed into one event with actor `*`), and no refusal goes uncounted. A process that dies loses at most
 * the window in progress.
 */
import type { AuditLog } from './service.ts';

export interface Refusal {
  actor: string;
  ip: string | null;
  status: number;
  code: string;
  route: string;
}

interface Bucket {
  actor: string;
  ip: string | null;
  status: number;
  code: string;
  count: number;
  routes: Set<string>;
}

const MAX_ROUTES = 5;

export interface RefusalAuditOptions {
  windowMs: number;
  maxKeys: number;
  now?: () => number;
  /** Where a failed write is reported (the refusals of that window are lost; requests are not failed for it). */
  onError?: (err: unknown) => void;
}

export class RefusalAudit {
  private windowStart = -1;
  private buckets = new Map<string, Bucket>();
  private pending: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly log: AuditLog,
    private readonly o: RefusalAuditOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  /** Counts a refusal (synchronous: never slows or fails the refused request). */
  note(r: Refusal): void {
    const start = this.now() - (this.now() % this.o.windowMs);
    if (start !== this.windowStart) {
      this.closeWindow();
      this.windowStart = start;
    }
    let key = `${r.actor}\u0000${r.ip ?? ''}\u0000${r.status}\u0000${r.code}`;
    let bucket = this.buckets.get(key);
    if (!bucket && this.buckets.size >= this.o.maxKeys) {
      key = '*';
      bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = { actor: '*', ip: null, status: 0, code: 'many', count: 0, routes: new Set() };
        this.buckets.set(key, bucket);
      }
    }
    if (!bucket) {
      bucket = { actor: r.actor, ip: r.ip, status: r.status, code: r.code, count: 0, routes: new Set() };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    if (bucket.routes.size < MAX_ROUTES) bucket.routes.add(r.route);
  }

  /** Writes what has been counted so far (the window in progress included) and waits for earlier writes. */
  async flush(): Promise<void> {
    this.closeWindow();
    await this.pending;
  }

  /** Flushes once per window in the background until stop(). */
  start(): void {
    this.timer ??= setInterval(() => {
      if (this.now() - this.windowStart >= this.o.windowMs) this.closeWindow();
    }, this.o.windowMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private closeWindow(): void {
    if (this.buckets.size === 0) return;
    const buckets = [...this.buckets.values()];
    const from = new Date(this.windowStart).toISOString();
    const until = new Date(this.windowStart + this.o.windowMs).toISOString();
    this.buckets = new Map();
    const write = async () => {
      for (const b of buckets) {
        await this.log.record({
          action: 'access.refused',
          actor: b.actor,
          ip: b.ip,
          objectType: 'route',
          objectId: [...b.routes][0] ?? '',
          outcome: b.status === 401 ? 'failure' : 'denied',
          details: { status: b.status, code: b.code, count: b.count, from, until, routes: [...b.routes] },
        });
      }
    };
    this.pending = this.pending.then(write).catch((err: unknown) => (this.o.onError ?? console.error)(err));
  }
}
