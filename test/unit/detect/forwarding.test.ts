import { describe, expect, it } from 'vitest';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings, type DetectRingsInput } from '../../../server/detect/pipeline.ts';
import { forwardedPayments, pairKey, passesMoneyOn, type PaymentEvent } from '../../../server/detect/forwarding.ts';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/detect/settings.ts';
import { day, findingOf, names, people } from './hand-made.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse(day(100));
const options = DEFAULT_SETTINGS.forwarding;

/** Payments as the pipeline would read them for the asked pairs, from a list of single payments. */
function eventsOf(list: Array<{ payer: string; payee: string; at: number; amount: number }>) {
  const byPair = new Map<string, PaymentEvent[]>();
  for (const p of list) {
    const key = pairKey(p.payer, p.payee);
    byPair.set(key, [...(byPair.get(key) ?? []), [p.at, p.amount]]);
  }
  const asked: string[] = [];
  const lookup: NonNullable<DetectRingsInput['paymentEvents']> = (pairs) => {
    asked.push(...pairs.map(([a, b]) => pairKey(a, b)));
    return pairs.map(([payer, payee]) => ({ payer, payee, events: byPair.get(pairKey(payer, payee)) ?? [] }));
  };
  const edges = new Map<string, PaymentEdge>();
  for (const p of list) {
    const key = pairKey(p.payer, p.payee);
    const e = edges.get(key) ?? { payer: p.payer, payee: p.payee, count: 0, total: 0 };
    e.count++;
    e.total += p.amount;
    edges.set(key, e);
  }
  return { lookup, asked, payments: [...edges.values()] };
}

describe('money passed on is money forwarded (forwarding.ts)', () => {
  it('counts a payment out that follows a payment in from someone else, within the window, of a similar sum', () => {
    const ins = [
      { from: 'victim-1', events: [[T0, 1000]] as PaymentEvent[] },
      { from: 'victim-2', events: [[T0 + 2 * DAY, 500]] as PaymentEvent[] },
    ];
    const outs = [
      {
        to: 'collector',
        events: [
          [T0 + 2 * HOUR, 900], // forwards victim-1's money, keeping a cut
          [T0 + 2 * DAY + 3 * HOUR, 450], // forwards victim-2's
          [T0 - DAY, 900], // before anything came in
          [T0 + 20 * DAY, 900], // weeks later
          [T0 + 3 * DAY, 2000], // more than it received
        ] as PaymentEvent[],
      },
    ];
    expect(forwardedPayments({ ins, outs }, options)).toEqual([{ to: 'collector', forwarded: 2, payments: 5 }]);
    // two of five: under the minimum share of 0.5
    expect(passesMoneyOn({ ins, outs }, options)).toBe(false);
    expect(passesMoneyOn({ ins, outs: [{ to: 'collector', events: outs[0].events.slice(0, 2) }] }, options)).toBe(true);
  });

  it('judges each flow out apart: a flow of forwards counts beside a weekly one that is not', () => {
    // a recruited mule forwards two victims' payments to the collector and pays its child pocket money every week
    const ins = [
      { from: 'victim-1', events: [[T0, 1000]] as PaymentEvent[] },
      { from: 'victim-2', events: [[T0 + 9 * DAY, 800]] as PaymentEvent[] },
    ];
    const forwards = {
      to: 'collector',
      events: [
        [T0 + HOUR, 900],
        [T0 + 9 * DAY + HOUR, 700],
      ] as PaymentEvent[],
    };
    const weekly = {
      to: 'child',
      events: Array.from({ length: 10 }, (_, k) => [T0 + (3 + 7 * k) * DAY, 400] as PaymentEvent),
    };
    expect(forwardedPayments({ ins, outs: [forwards, weekly] }, options)).toEqual([
      { to: 'collector', forwarded: 2, payments: 2 },
      { to: 'child', forwarded: 2, payments: 10 },
    ]);
    expect(passesMoneyOn({ ins, outs: [forwards, weekly] }, options)).toBe(true);
    // the weekly flow alone: now and then after money came in, mostly not
    expect(passesMoneyOn({ ins, outs: [weekly] }, options)).toBe(false);
  });

  it('does not count money paid back to the account it came from, nor a single forward', () => {
    const ins = [{ from: 'friend', events: [[T0, 100] as PaymentEvent, [T0 + DAY, 100] as PaymentEvent] }];
    const back = [{ to: 'friend', events: [[T0 + HOUR, 100] as PaymentEvent, [T0 + DAY + HOUR, 100] as PaymentEvent] }];
    expect(forwardedPayments({ ins, outs: back }, options)).toEqual([{ to: 'friend', forwarded: 0, payments: 2 }]);
    const once = [{ to: 'other', events: [[T0 + HOUR, 90] as PaymentEvent] }];
    expect(passesMoneyOn({ ins, outs: once }, options)).toBe(false);
  });

  it('rejects forwarding settings out of range', () => {
    expect(() => resolveSettings({ forwarding: { ...options, minShare: 2 } })).toThrow(/forwarding.minShare/);
    expect(() => resolveSettings({ forwarding: { ...options, minRatio: 1.2, maxRatio: 1.1 } })).toThrow(
      /forwarding.maxRatio/,
    );
  });

  // A mule chain that shares only one IP among its first three: what ties it and scores it is the money.
  const mules = names('mule', 5);
  const groups: IdentifierGroup[] = [{ kind: 'ip', key: '203.0.113.7', accounts: mules.slice(0, 3) }];
  const accounts = () => people(mules, (i) => ({ createdAt: day(i * 2) }));

  it('keeps a mule chain that forwards each payment within hours as passing money on, and says so', async () => {
    const list: Array<{ payer: string; payee: string; at: number; amount: number }> = [];
    for (let k = 0; k < 3; k++) {
      let at = T0 + k * 10 * DAY;
      let amount = 3000;
      for (let i = 0; i + 1 < mules.length; i++) {
        list.push({ payer: mules[i], payee: mules[i + 1], at, amount });
        at += 3 * HOUR;
        amount *= 0.95;
      }
    }
    const { lookup, asked, payments } = eventsOf(list);
    const result = await detectRings({ groups, payments, accounts: accounts(), paymentEvents: lookup });
    const ring = findingOf(result, 'mule-00')!;
    expect(ring.members).toEqual(mules);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons[0]).toBe(
      '3 members pass money on: pay other members what others paid them, within 7 days (mule-01, mule-02, mule-03)',
    );
    // only the transfers of the pass-through candidates were asked for, once each
    expect(asked).toEqual([...new Set(asked)]);
    expect(asked).toHaveLength(4);
    expect(result.counts.forwardingPairs).toBe(4);
  });

  it('gives no pass-through points to members that pay out before they are paid', async () => {
    // The same pairs, counts and sums, but each member pays on two days before it is paid.
    const list: Array<{ payer: string; payee: string; at: number; amount: number }> = [];
    for (let k = 0; k < 3; k++)
      for (let i = 0; i + 1 < mules.length; i++)
        list.push({
          payer: mules[i],
          payee: mules[i + 1],
          at: T0 + k * 30 * DAY - 2 * i * DAY,
          amount: 3000 * 0.95 ** i,
        });
    const { lookup, payments } = eventsOf(list);
    // Every finding reported, whatever its score, to compare the scores.
    const all = { reportThreshold: 0 };
    const timed = await detectRings({ groups, payments, accounts: accounts(), paymentEvents: lookup, settings: all });
    const untimed = await detectRings({ groups, payments, accounts: accounts(), settings: all });
    const off = await detectRings({
      groups,
      payments,
      accounts: accounts(),
      paymentEvents: lookup,
      settings: { ...all, forwarding: { ...options, windowDays: 0 } },
    });
    const ring = findingOf(timed, 'mule-00')!;
    expect(ring.members).toEqual(mules);
    expect(ring.features.scoreBreakdown.relay).toBe(0);
    expect(ring.reasons.some((r) => r.includes('pass money on') || r.includes('passes money on'))).toBe(false);
    // Without the payments' times (or with the test off), the repeated flows alone count, as before.
    for (const result of [untimed, off]) {
      const before = findingOf(result, 'mule-00')!;
      expect(before.features.scoreBreakdown.relay).toBeGreaterThan(0);
      expect(before.reasons[0]).toMatch(/^3 members pass money on: receive from and pay other members repeatedly/);
      expect(before.score).toBeGreaterThan(ring.score);
      expect(before.flagged).toBe(true);
    }
    expect(off.counts.forwardingPairs).toBe(0);
  });
});
