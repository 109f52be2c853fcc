/**
 * How a bulk disposition takes each account to the chosen disposition: the shortest walk along the server's workflow
 * (contracts/vocabulary.ts), each step its own recorded disposition change. A new account confirmed as fraud is first
 * put under review, then confirmed: two events in its case file, as if done by hand. Pure (unit-tested).
 */
import { DISPOSITION_TRANSITIONS, DISPOSITIONS, type Disposition } from '@contracts/vocabulary.ts';

/** The steps from `current` to `target` (empty when it is there already), or null when the workflow has no way. */
export function dispositionPath(current: Disposition, target: Disposition): Disposition[] | null {
  if (current === target) return [];
  const previous = new Map<Disposition, Disposition>();
  const queue: Disposition[] = [current];
  const seen = new Set<Disposition>([current]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const next of DISPOSITION_TRANSITIONS[at]) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, at);
      if (next === target) {
        const path: Disposition[] = [next];
        for (let p = at; p !== current; p = previous.get(p)!) path.unshift(p);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

/** The dispositions a bulk change can aim at (every state but `new`, which nothing returns to). */
export const BULK_DISPOSITIONS: readonly Disposition[] = DISPOSITIONS.filter((d) => d !== 'new');
