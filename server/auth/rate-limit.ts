/**
 * An in-memory sliding-window log: for each key (a client address, a username, a token id) the times of its
 * recent hits. Exact — the window slides with every request instead of resetting on the minute — and small: a
 * key keeps at most `limit` timestamps, idle keys are swept, and the number of keys is capped so a flood of
 * addresses cannot grow it without bound. In memory (per process) is enough for one RingLens server; limits
 * restart empty with the process, which only ever errs towards the client.
 */
import type { RateWindow } from './settings.ts';

const MAX_KEYS = 50_000;
const SWEEP_EVERY = 1_000;

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private calls = 0;

  constructor(
    readonly window: RateWindow,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `key` may go ahead, without counting a hit. */
  check(key: string): Verdict {
    const times = this.recent(key);
    if (times.length < this.window.limit) return { ok: true };
    return { ok: false, retryAfterMs: times[0]! + this.window.windowMs - this.now() };
  }

  /** Counts a hit for `key`. */
  hit(key: string): void {
    let times = this.recent(key);
    if (times.length === 0) {
      times = [];
      this.hits.delete(key);
      this.hits.set(key, times);
    }
    times.push(this.now());
    if (times.length > this.window.limit) times.splice(0, times.length - this.window.limit);
    if (++this.calls % SWEEP_EVERY === 0 || this.hits.size > MAX_KEYS) this.sweep();
  }

  /** Checks and, when allowed, counts: the usual "may this request go ahead?". */
  take(key: string): Verdict {
    const v = this.check(key);
    if (v.ok) this.hit(key);
    return v;
  }

  /** Takes back the most recent hit of `key` (an attempt counted in advance that turned out not to count). */
  unhit(key: string): void {
    this.hits.get(key)?.pop();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const times = this.hits.get(key);
    if (!times) return [];
    const from = this.now() - this.window.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop]! <= from) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  }

  private sweep(): void {
    const from = this.now() - this.window.windowMs;
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= from) this.hits.delete(key);
    // Still too many live keys: forget the least recently started ones (Map keeps insertion order), down to 90 %
    // so that the next hits do not sweep again at once.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= MAX_KEYS * 0.9) break;
      this.hits.delete(key);
    }
  }
}

/** Whole seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
