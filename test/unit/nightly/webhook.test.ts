import { describe, expect, it } from 'vitest';
import { daysBefore } from '../../../server/nightly/notify.ts';
import { postWebhook, webhookTarget } from '../../../server/nightly/webhook.ts';

/** A fetch that answers with the given statuses in turn (an Error entry rejects like a network failure). */
function fakeFetch(answers: Array<number | Error>) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    const a = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (a instanceof Error) throw a;
    return new Response(a === 204 ? null : 'body', { status: a });
  }) as typeof fetch;
  return { impl, calls };
}

describe('postWebhook', () => {
  it('retries a failing endpoint with exponential backoff until it succeeds', async () => {
    const f = fakeFetch([503, new TypeError('fetch failed'), 204]);
    const waits: number[] = [];
    const r = await postWebhook(
      'http://127.0.0.1:1/hook',
      { a: 1 },
      {
        fetch: f.impl,
        sleep: async (ms) => void waits.push(ms),
        backoffMs: 100,
      },
    );
    expect(r.ok).toBe(true);
    expect(r.attempts.map((a) => [a.ok, a.httpStatus ?? a.error])).toEqual([
      [false, 503],
      [false, 'fetch failed'],
      [true, 204],
    ]);
    expect(waits).toEqual([100, 200]);
    expect(f.calls.every((c) => JSON.stringify(c.body) === '{"a":1}')).toBe(true);
  });

  it('gives up after the last try and returns every attempt', async () => {
    const f = fakeFetch([500]);
    const r = await postWebhook('http://127.0.0.1:1/hook', {}, { fetch: f.impl, sleep: async () => {}, tries: 3 });
    expect(r.ok).toBe(false);
    expect(r.attempts).toHaveLength(3);
    expect(r.attempts[2]!.error).toMatch(/^HTTP 500/);
  });

  it('does not retry a request the receiver rejects as wrong (4xx other than 408/429)', async () => {
    const f = fakeFetch([404]);
    const r = await postWebhook('http://127.0.0.1:1/hook', {}, { fetch: f.impl, sleep: async () => {} });
    expect(r.attempts).toHaveLength(1);
    expect(r.attempts[0]).toMatchObject({ retriable: false, httpStatus: 404 });
    const busy = fakeFetch([429, 200]);
    expect((await postWebhook('http://127.0.0.1:1/hook', {}, { fetch: busy.impl, sleep: async () => {} })).ok).toBe(
      true,
    );
  });

  it('names the target by origin only, so a secret in the path or query never reaches a log', () => {
    expect(webhookTarget('https://hooks.example.com/services/T000/B000/XXXX?token=s')).toBe(
      'https://hooks.example.com',
    );
  });
});

describe('daysBefore', () => {
  it('counts calendar days across month ends', () => {
    expect(daysBefore('2026-07-03', 7)).toBe('2026-06-26');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
