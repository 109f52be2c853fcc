import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, SlidingWindowLimiter } from '../../../server/auth/rate-limit.ts';

describe('SlidingWindowLimiter', () => {
  it('allows `limit` hits in any window and says when the oldest leaves it', () => {
    let now = 1_000;
    const l = new SlidingWindowLimiter({ limit: 3, windowMs: 10_000 }, () => now);
    const verdicts = [];
    for (const t of [1_000, 2_000, 3_000]) {
      now = t;
      verdicts.push(l.take('ip').ok);
    }
    expect(verdicts).toEqual([true, true, true]);
    now = 4_000;
    expect(l.take('ip')).toEqual({ ok: false, retryAfterMs: 7_000 });
    expect(l.take('other').ok).toBe(true);
    // The window slides: at 11 000 the first hit (at 1 000) has left it, the others have not.
    now = 11_000;
    expect(l.take('ip').ok).toBe(true);
    expect(l.take('ip')).toEqual({ ok: false, retryAfterMs: 1_000 });
  });

  it('counts only what `hit` records; `check` looks without counting; `reset` forgets', () => {
    let now = 0;
    const l = new SlidingWindowLimiter({ limit: 2, windowMs: 100 }, () => now);
    l.hit('u');
    expect(l.check('u').ok).toBe(true);
    l.hit('u');
    expect(l.check('u').ok).toBe(false);
    l.reset('u');
    expect(l.check('u').ok).toBe(true);
    now = 50;
    l.hit('u');
    l.hit('u');
    now = 151;
    expect(l.check('u').ok).toBe(true);
  });

  it('keeps memory bounded: idle keys are swept, and a flood of keys is capped', () => {
    let now = 0;
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 10 }, () => now);
    for (let i = 0; i < 60_000; i++) l.hit(`k${i}`);
    const size = (l as unknown as { hits: Map<string, number[]> }).hits.size;
    expect(size).toBeLessThanOrEqual(50_000);
    now = 1_000;
    for (let i = 0; i < 1_000; i++) l.hit(`fresh${i}`);
    expect((l as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThanOrEqual(1_000);
  });

  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect([retryAfterSeconds(1), retryAfterSeconds(1000), retryAfterSeconds(1001)]).toEqual([1, 1, 2]);
  });
});
