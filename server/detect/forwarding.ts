/**
 * Money passed on is money forwarded. A mule pays on what it was paid, within hours or days and a little less (its
 * cut); a colluder passes the same sum round. A household member who is paid by one relative and pays another —
 * a parent passing part of their pay on as pocket money every week, a flatmate collecting the rent and paying a
 * bill — also receives from and pays other members repeatedly, but pays out on its own schedule and in its own
 * sums. So a member that receives from and pays other members repeatedly (score-terms.ts relayMembers) passes money
 * on only when most of its payments to other members follow, within `windowDays`, a payment it received from another
 * member (not the one it pays) of `minRatio` to `maxRatio` times that payment's amount — counted per payee: the flows
 out that are mostly (`minShare`) such forwards must hold at least two.
 *
 * The payments' times and amounts come from DetectRingsInput.paymentEvents, asked once per run for the transfers
 * of the findings' candidates only (the projection keeps counts and totals per pair). Pure.
 */
import type { DetectionSettings } from './settings.ts';

const DAY_MS = 86_400_000;

/** One payment: epoch milliseconds and amount. */
export type PaymentEvent = readonly [at: number, amount: number];

/** What DetectRingsInput.paymentEvents gives for one payer → payee pair (every currency). */
export interface PairPayments {
  payer: string;
  payee: string;
  events: ReadonlyArray<PaymentEvent>;
}

/** Key of a payer → payee pair in a PaymentEventMap. */
export function pairKey(payer: string, payee: string): string {
  return `${payer}\u0000${payee}`;
}

/** The payments of each asked pair, by pairKey; a pair asked and absent has no payments known. */
export type PaymentEventMap = ReadonlyMap<string, ReadonlyArray<PaymentEvent>>;

export type ForwardingOptions = DetectionSettings['forwarding'];

/** A member's payments in from other members (`from`: who paid) and out to them (`to`: who was paid). */
export interface MemberFlows {
  ins: ReadonlyArray<{ from: string; events: ReadonlyArray<PaymentEvent> }>;
  outs: ReadonlyArray<{ to: string; events: ReadonlyArray<PaymentEvent> }>;
}

/**
 * Of each flow out (one per payee, in `flows.outs` order), how many payments follow a payment in as `options` says,
 * and how many it holds.
 */
export function forwardedPayments(
  flows: MemberFlows,
  options: ForwardingOptions,
): Array<{ to: string; forwarded: number; payments: number }> {
  const ins: Array<{ at: number; amount: number; from: string }> = [];
  for (const { from, events } of flows.ins) for (const [at, amount] of events) ins.push({ at, amount, from });
  ins.sort((a, b) => a.at - b.at || a.amount - b.amount || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const window = options.windowDays * DAY_MS;
  return flows.outs.map(({ to, events }) => {
    let forwarded = 0;
    for (const [at, amount] of events) {
      // Payments in from `at − window` to `at`, walking back from the last one not after `at`.
      for (let i = upperBound(ins, at) - 1; i >= 0 && ins[i].at >= at - window; i--) {
        const paid = ins[i];
        if (paid.from === to) continue;
        if (amount >= options.minRatio * paid.amount && amount <= options.maxRatio * paid.amount) {
          forwarded++;
          break;
        }
      }
    }
    return { to, forwarded, payments: events.length };
  });
}

/**
 * True when the member passes money on: its flows out that are mostly forwarded money (at least minShare of their
 * payments) hold at least 2 forwarded payments together. A flow to someone else — a recruited mule's own family, a
 * parent's weekly pocket money that now and then follows a transfer in — neither counts nor hides the forwarding.
 */
export function passesMoneyOn(flows: MemberFlows, options: ForwardingOptions): boolean {
  let forwarded = 0;
  for (const flow of forwardedPayments(flows, options))
    if (flow.forwarded > 0 && flow.forwarded >= options.minShare * flow.payments) forwarded += flow.forwarded;
  return forwarded >= 2;
}

/** Index of the first payment after `at`. */
function upperBound(sorted: ReadonlyArray<{ at: number }>, at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
