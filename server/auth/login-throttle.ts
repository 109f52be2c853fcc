/**
 * Who may try a password, decided before the password is hashed — so that guesses sent all at once are counted as
 * they arrive, not after scrypt (which would let every concurrent guess through) — and built so that guessing cannot
 * lock the real user out:
 *
 * - per client address: at most `loginPerIp` attempts in the window, whatever the username;
 * - per username + address pair: exponential back-off — after `freeFailures` failures in a row the pair waits
 *   `baseMs`, then twice as long after each further failure (at most `maxMs`); a success clears it. A typo costs
 *   nothing; a guesser from one address slows down geometrically;
 * - per username, a ceiling for *unknown* devices: at most `loginFailuresPerUser` attempts that are not sign-ins
 *   (counted in advance, handed back on success), spread over any number of addresses;
 * - a *known* device — a browser holding a device cookie from an earlier sign-in as this user (device-cookie.ts) —
 *   is not subject to that ceiling, only to its own (`loginFailuresPerDevice`). So an attacker who keeps a user's
 *   ceiling exhausted keeps out only browsers that user never signed in with; the user's own browser still signs in.
 *
 * In memory, per process (like the other limits): a restart forgets it, which only ever errs towards the client.
 */
import { SlidingWindowLimiter, type Verdict } from './rate-limit.ts';
import type { AuthSettings } from './settings.ts';

export type LoginThrottleSettings = Pick<
  AuthSettings,
  'loginPerIp' | 'loginFailuresPerUser' | 'loginFailuresPerDevice' | 'loginBackoff'
>;

export type Refusal = { ok: false; retryAfterMs: number; reason: 'address' | 'pair' | 'user' | 'device' };
export type Admission = { ok: true; ticket: Ticket } | Refusal;

interface Ticket {
  username: string;
  pair: string;
  /** Which ceiling the attempt was counted against in advance. */
  counted: { limiter: 'user' | 'device'; key: string };
}

interface PairState {
  failures: number;
  /** No attempt of this pair is evaluated before this time. */
  until: number;
  at: number;
}

const MAX_PAIRS = 50_000;

export class LoginThrottle {
  private readonly perIp: SlidingWindowLimiter;
  private readonly perUser: SlidingWindowLimiter;
  private readonly perDevice: SlidingWindowLimiter;
  private readonly pairs = new Map<string, PairState>();

  constructor(
    private readonly settings: LoginThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.perIp = new SlidingWindowLimiter(settings.loginPerIp, now);
    this.perUser = new SlidingWindowLimiter(settings.loginFailuresPerUser, now);
    this.perDevice = new SlidingWindowLimiter(settings.loginFailuresPerDevice, now);
  }

  /**
   * Synchronous on purpose: the decision and the counting happen in one step, so concurrent attempts are counted one
   * after another. `device` is the id of a valid device cookie for this username, when the browser sent one.
   */
  admit(username: string, ip: string, device?: string): Admission {
    const address = this.perIp.take(ip);
    if (!address.ok) return refused(address, 'address');
    const pairKey = `${username}\u0000${ip}`;
    const pair = this.pairs.get(pairKey);
    const now = this.now();
    if (pair && pair.until > now) return { ok: false, retryAfterMs: pair.until - now, reason: 'pair' };
    const counted = device
      ? { limiter: 'device' as const, key: `${username}\u0000${device}` }
      : { limiter: 'user' as const, key: username };
    const ceiling = (counted.limiter === 'device' ? this.perDevice : this.perUser).take(counted.key);
    if (!ceiling.ok) return refused(ceiling, counted.limiter);
    // Counted as a failure now (and its back-off started); a success clears it.
    this.recordPairFailure(pairKey, pair, now);
    return { ok: true, ticket: { username, pair: pairKey, counted } };
  }

  /** The password was right: the attempt does not count against the ceiling, and the pair starts afresh. */
  succeeded(ticket: Ticket): void {
    (ticket.counted.limiter === 'device' ? this.perDevice : this.perUser).unhit(ticket.counted.key);
    this.pairs.delete(ticket.pair);
  }

  /** Milliseconds of back-off the pair has to wait after `failures` failures in a row. */
  backoffMs(failures: number): number {
    const b = this.settings.loginBackoff;
    if (failures < b.freeFailures) return 0;
    return Math.min(b.maxMs, b.baseMs * 2 ** (failures - b.freeFailures));
  }

  private recordPairFailure(key: string, pair: PairState | undefined, now: number): void {
    // A pair idle for longer than the longest back-off starts again from zero.
    const failures = pair && now - pair.at < this.settings.loginBackoff.maxMs ? pair.failures + 1 : 1;
    this.pairs.delete(key);
    this.pairs.set(key, { failures, until: now + this.backoffMs(failures), at: now });
    if (this.pairs.size > MAX_PAIRS) {
      // Forget the longest-idle pairs (Map keeps insertion order, and a pair is re-inserted at every attempt).
      for (const k of this.pairs.keys()) {
        if (this.pairs.size <= MAX_PAIRS * 0.9) break;
        this.pairs.delete(k);
      }
    }
  }
}

function refused(v: Verdict, reason: Refusal['reason']): Refusal {
  return { ok: false, retryAfterMs: v.ok ? 0 : v.retryAfterMs, reason };
}
