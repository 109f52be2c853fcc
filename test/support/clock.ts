/**
 * A clock that moves only when a test says so, for code that takes `now: () => number` (sessions, rate limits, the
 * token cache): time windows are then exact whatever the machine's speed.
 *
 *   const clock = manualClock();
 *   const base = (await serve(createApp({ db, now: clock.now }))).base;
 *   clock.advance(4_000);
 */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start: number = Date.now()): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}
