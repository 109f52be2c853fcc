/**
 * Waiting on conditions instead of fixed sleeps, so tests hold on a slow or busy machine. The budget is a guard
 * against a hung run, not a speed requirement: it is generous on purpose, and a wait can also end early when it
 * becomes pointless (the process it watches has exited).
 */

/** Budget of a wait when none is given: long enough for a loaded 2-core machine, short of the test's own timeout. */
export const WAIT_BUDGET_MS = 600_000;

export interface WaitOptions {
  /** What is awaited, for the error message. */
  what: string;
  /** Pause between two probes (default 100 ms). */
  everyMs?: number;
  timeoutMs?: number;
  /** Stop waiting (with an error) when this says the condition can no longer come true. */
  giveUpWhen?: () => boolean;
}

/** Probes until `done(value)`; returns that value. Throws naming `what` when the budget runs out or giving up. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? WAIT_BUDGET_MS);
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (opts.giveUpWhen?.()) throw new Error(`Gave up waiting for ${opts.what}: it can no longer happen.`);
    if (Date.now() > deadline) throw new Error(`Waited too long for ${opts.what} (last: ${JSON.stringify(value)}).`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 100));
  }
}
