/**
 * Feeders: accounts that exist to pay one account. Each pays that account and nobody else, again and again, and
 * they were opened within days of each other — chip dumpers losing to one winner, a farm's accounts paying one
 * collector, fake guests paying (or repaying) one host for reviews. They share no identifier with each other (a VPN
 * or their own phones hide that), so only the money ties them; the transfers from a funnel's feeders to its payee
 * are strong ties (partition.ts), like a relay's legs, and the finding scores them (score.ts, funnelPoints).
 *
 * Ordinary money does not look like this. A payee of many (a shop, a creator, a popular driver) gets a few new
 * customers who paid it twice, but they are a small share of its payers (`minShare`); friends paying the one who
 * booked are two, not `minPayers`, or were not opened the same fortnight; a household pays back and forth (money
 * the payee sends back to a feeder disqualifies it).
 *
 * Two steps, because the creation dates are looked up only for the few candidates: `funnelCandidates` reads the
 * payments (sorted by payer, as pipeline.ts inCanonicalOrder gives them); `funnelLegs` keeps the feeders opened
 * within `windowDays` of each other.
 *
 * Paid back (`paybackLegs`): the other way to make up custom. A host buying reviews, a driver buying ratings, a
 * seller inflating its sales has accounts book or order from it again and again and pays each of them most of it
 * back; those accounts pay it (or the scheme's other payees) and nobody else. Opened whenever (the scheme recruits as
 * it goes), so no window: what ordinary money never does is come back, most of it, to each of several customers who
 * pay nobody but those who pay them back — a shop refunds a customer now and then, friends settle up by two. At
 * least `minPayers` such payers, each paid back at least `paidBackMinShare` of its payments (by count) by every
 * account it pays, and at least `minShare` of the payee's payers.
 *
 * Regulars of one or two accounts alone (`regularLegs`): straw customers paying dirty money out as one driver's fares
 * and tips, or the fake riders a driver books over months, are opened whenever, and a busy driver has dozens of other
 * riders besides, so neither the window nor the share holds. What ordinary custom does not do is pay the same one or
 * two accounts, and nobody else, again and again — at least `regularTransfers` times — several customers at once: a
 * regular commuter has one favourite driver, not three others who ride with nobody else either; a regular who also
 * pays anyone else is not one. At least `minPayers` such payers of the same accounts, never paid back.
 *
 * Fed with known fraud (`fedCandidates`, `fedLegs`): money mules paying one collector are opened over months, and they
 * also spend a little elsewhere (they play, they shop), so neither the window nor "nobody else" holds. What gives them
 * away is the company: at least `minPayers` accounts that each pay one account at least `minTransfers` times, never
 * paid back, with at least half of all the money they pay going to it (by amount), when at least
 * `knownFraudFeederShare` of them (and at least one) are known fraud. A shop, a creator, a landlord or a club has
 * dozens of such payers, and a known-fraud customer among them is one in dozens, not one in ten.
 */
import type { AccountInfo, PaymentEdge } from './input.ts';

export interface FunnelSettings {
  /** Feeders opened within windowDays that make a funnel; 0 turns funnels off. */
  minPayers: number;
  /** Payments each feeder made to the payee at least. */
  minTransfers: number;
  windowDays: number;
  /** Share of the payee's payers the candidate feeders must be at least. */
  minShare: number;
  /**
   * Regulars (regularLegs): payers of the same one or two accounts, and of nobody else, at least this many times in
   * all; 0 turns it off.
   */
  regularTransfers: number;
  /**
   * Payments on a schedule (onSchedule): a payer whose payments to one of its one or two accounts come about every
   * scheduleDays days (a month: rent, a subscription, a service's fee) is that account's customer, not a regular; 0
   * turns the test off.
   */
  scheduleDays: number;
  /**
   * Paid back (paybackLegs): payers each paid back at least this share of their payments (by count) by every account
   * they pay; 0 turns it off.
   */
  paidBackMinShare: number;
  /**
   * Fed with known fraud (fedLegs): the share of a payee's fed payers that must be known fraud (at least one); 0 turns
   * it off.
   */
  knownFraudFeederShare: number;
}

export interface FunnelCandidate {
  payee: string;
  /** Accounts paying `payee` and nobody else, at least minTransfers times, never paid back; sorted. */
  payers: string[];
}

const DAY = 86_400_000;

/**
 * Payers of at most `maxPayees` accounts, never themselves, each paid at least `minTransfers` times: payer → (payee →
 * count). `payments` sorted by payer.
 */
function* repeatPayers(
  payments: readonly PaymentEdge[],
  maxPayees: number,
  minTransfers: number,
): Generator<[string, Map<string, number>]> {
  for (let i = 0; i < payments.length;) {
    const payer = payments[i].payer;
    let j = i + 1;
    while (j < payments.length && payments[j].payer === payer) j++;
    // Most payers made one payment record: tested without building a map (three passes over a million payers).
    if (j === i + 1) {
      const only = payments[i];
      i = j;
      if (maxPayees >= 1 && only.payee !== payer && only.count >= minTransfers)
        yield [payer, new Map([[only.payee, only.count]])];
      continue;
    }
    const paid = new Map<string, number>();
    for (let k = i; k < j; k++)
      if (paid.size <= maxPayees) paid.set(payments[k].payee, (paid.get(payments[k].payee) ?? 0) + payments[k].count);
    i = j;
    if (paid.size > maxPayees || paid.has(payer)) continue;
    if ([...paid.values()].every((count) => count >= minTransfers)) yield [payer, paid];
  }
}

/** payee → its payers among `payers` (in their order), for payees with at least `minPayers` of them. */
function payersByPayee(
  payers: Iterable<[string, ReadonlyMap<string, number>]>,
  minPayers: number,
): Map<string, string[]> {
  const byPayee = new Map<string, string[]>();
  for (const [payer, paid] of payers) {
    for (const payee of paid.keys()) {
      const list = byPayee.get(payee);
      if (list) list.push(payer);
      else byPayee.set(payee, [payer]);
    }
  }
  for (const [payee, list] of byPayee) if (list.length < minPayers) byPayee.delete(payee);
  return byPayee;
}

/**
 * Per payee of `byPayee`, its payers that it never pays back, sorted, when they are at least minPayers and at least
 * minShare of its payers; by payee.
 */
function unpaidCandidates(
  payments: readonly PaymentEdge[],
  byPayee: ReadonlyMap<string, string[]>,
  settings: FunnelSettings,
): FunnelCandidate[] {
  // Everyone who pays the candidates' payees (for the share), and what the payees send back.
  const payersOf = new Map<string, number>();
  const paidBack = new Set<string>();
  for (const p of payments) {
    if (byPayee.has(p.payee)) payersOf.set(p.payee, (payersOf.get(p.payee) ?? 0) + 1);
    if (byPayee.has(p.payer)) paidBack.add(`${p.payer}\u0000${p.payee}`);
  }
  const out: FunnelCandidate[] = [];
  for (const [payee, list] of byPayee) {
    const payers = list.filter((payer) => !paidBack.has(`${payee}\u0000${payer}`)).sort();
    if (payers.length < settings.minPayers) continue;
    if (payers.length < settings.minShare * (payersOf.get(payee) ?? payers.length)) continue;
    out.push({ payee, payers });
  }
  return out.sort((a, b) => (a.payee < b.payee ? -1 : a.payee > b.payee ? 1 : 0));
}

/** Payees with at least minPayers accounts paying them alone, repeatedly; `payments` sorted by payer. */
export function funnelCandidates(payments: readonly PaymentEdge[], settings: FunnelSettings): FunnelCandidate[] {
  if (settings.minPayers < 2) return [];
  const byPayee = payersByPayee(repeatPayers(payments, 1, settings.minTransfers), settings.minPayers);
  if (byPayee.size === 0) return [];
  return unpaidCandidates(payments, byPayee, settings);
}

/**
 * The transfers (keyed `payer \0 payee`) of funnels: per candidate, the largest set of its payers opened within
 * windowDays of each other (the earliest such set on a tie), when it has at least minPayers accounts. Payers without
 * a creation date do not count.
 */
export function funnelLegs(
  candidates: readonly FunnelCandidate[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: FunnelSettings,
): Set<string> {
  const legs = new Set<string>();
  const window = settings.windowDays * DAY;
  for (const { payee, payers } of candidates) {
    const dated = payers
      .map((id) => ({ id, at: Date.parse(accounts.get(id)?.createdAt ?? '') }))
      .filter((p) => Number.isFinite(p.at))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    let best: [number, number] = [0, 0];
    for (let start = 0, end = 0; end < dated.length; end++) {
      while (dated[end].at - dated[start].at > window) start++;
      if (end + 1 - start > best[1] - best[0]) best = [start, end + 1];
    }
    if (best[1] - best[0] < settings.minPayers) continue;
    for (const p of dated.slice(best[0], best[1])) legs.add(`${p.id}\u0000${payee}`);
  }
  return legs;
}

/** The accounts funnelLegs needs the creation dates of. */
export function funnelLookupIds(candidates: readonly FunnelCandidate[]): string[] {
  return [...new Set(candidates.flatMap((c) => c.payers))].sort();
}

/** A paid-back payer pays at most this many accounts (a relay has at most 4 partners a side: relays.ts). */
export const PAYBACK_MAX_PAYEES = 4;

/**
 * The transfers (keyed `payer \0 payee`) of paid-back custom. A payer is paid back when it pays at most
 * PAYBACK_MAX_PAYEES accounts, each at least minTransfers times, and each of them pays it back at least
 * paidBackMinShare of that count (a fake guest of two hosts who both buy reviews). A payee with at least minPayers
 * such payers, at least minShare of its payers, gets their payments as legs. Only the payments (payer → payee) are
 * keyed; the paybacks are their reverse (projection.ts links both). `payments` sorted by payer (pipeline.ts
 * inCanonicalOrder).
 */
export function paybackLegs(payments: readonly PaymentEdge[], settings: FunnelSettings): Set<string> {
  const legs = new Set<string>();
  if (settings.minPayers < 2 || !(settings.paidBackMinShare > 0)) return legs;
  const few = new Map(repeatPayers(payments, PAYBACK_MAX_PAYEES, settings.minTransfers));
  const payeesOf = payersByPayee(few, settings.minPayers);
  if (payeesOf.size === 0) return legs;
  // What the payees pay those payers back, and how many payers each payee has.
  const back = new Map<string, number>();
  const payersOf = new Map<string, number>();
  for (const p of payments) {
    if (payeesOf.has(p.payee)) payersOf.set(p.payee, (payersOf.get(p.payee) ?? 0) + 1);
    if (few.get(p.payee)?.has(p.payer)) {
      const key = `${p.payer}\u0000${p.payee}`;
      back.set(key, (back.get(key) ?? 0) + p.count);
    }
  }
  const paidBack = (payer: string): boolean =>
    [...few.get(payer)!].every(
      ([payee, count]) => (back.get(`${payee}\u0000${payer}`) ?? 0) >= settings.paidBackMinShare * count,
    );
  for (const [payee, list] of payeesOf) {
    const paid = list.filter(paidBack);
    if (paid.length < settings.minPayers) continue;
    if (paid.length < settings.minShare * (payersOf.get(payee) ?? paid.length)) continue;
    for (const payer of paid) legs.add(`${payer}\u0000${payee}`);
  }
  return legs;
}

/** Regulars pay at most this many accounts (the one or two drivers a laundering crew rides with). */
export const REGULAR_MAX_PAYEES = 2;

/**
 * Whether payments at `times` (epoch ms, any order) come on a schedule of about `periodDays`: the middle gap between
 * consecutive payments, and at least three quarters of all gaps, are within a third of the period of it (20 to 40
 * days for a month). Rent, a subscription and a service's fee are paid so; a straw customer feeding a driver or a
 * player dumping chips pays when the scheme needs it. At least two gaps; `periodDays` 0: never.
 */
export function onSchedule(times: readonly number[], periodDays: number): boolean {
  if (!(periodDays > 0) || times.length < 3) return false;
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]!) / DAY);
  const near = (gap: number) => Math.abs(gap - periodDays) <= periodDays / 3;
  const middle = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  return near(middle) && gaps.filter(near).length >= 0.75 * gaps.length;
}

/**
 * The transfers (keyed `payer \0 payee`) of regulars: payers, never themselves, that pay the same one or two accounts
 * and nobody else, each at least minTransfers times and at least regularTransfers times in all, and that none of
 * those accounts pays back, when at least minPayers payers pay the same accounts so. Opened whenever; however many
 * others pay those accounts. `payments` sorted by payer. A payer for which `scheduled(payer, payee)` holds for one of
 * its payees (its payments to it come on a schedule: onSchedule) is that account's customer and no regular.
 */
export function regularLegs(
  payments: readonly PaymentEdge[],
  settings: FunnelSettings,
  scheduled?: (payer: string, payee: string) => boolean,
): Set<string> {
  const legs = new Set<string>();
  if (settings.minPayers < 2 || !(settings.regularTransfers > 0)) return legs;
  // The payers of each set of payees (keyed by the sorted payees).
  const bySet = new Map<string, string[]>();
  const paid = new Map<string, string[]>();
  for (const [payer, counts] of repeatPayers(payments, REGULAR_MAX_PAYEES, settings.minTransfers)) {
    let all = 0;
    for (const count of counts.values()) all += count;
    if (all < settings.regularTransfers) continue;
    const payees = [...counts.keys()].sort();
    if (scheduled && payees.some((payee) => scheduled(payer, payee))) continue;
    paid.set(payer, payees);
    const key = payees.join('\u0000');
    const list = bySet.get(key);
    if (list) list.push(payer);
    else bySet.set(key, [payer]);
  }
  for (const [key, list] of bySet) if (list.length < settings.minPayers) bySet.delete(key);
  if (bySet.size === 0) return legs;
  // Payers some payee of theirs pays back are no regulars.
  const paidBack = new Set<string>();
  for (const p of payments) if (paid.get(p.payee)?.includes(p.payer)) paidBack.add(p.payee);
  for (const [key, list] of bySet) {
    const regulars = list.filter((payer) => !paidBack.has(payer));
    if (regulars.length < settings.minPayers) continue;
    const payees = key.split('\u0000');
    for (const payer of regulars) for (const payee of payees) legs.add(`${payer}\u0000${payee}`);
  }
  return legs;
}

/** A fed payer sends at least this share of all the money it pays (by amount) to the payee it feeds. */
export const FED_MIN_AMOUNT_SHARE = 0.5;

/**
 * Payees with at least minPayers fed payers (payers, never themselves, that pay them at least minTransfers times and
 * at least FED_MIN_AMOUNT_SHARE of all they pay by amount, and that the payee never pays), at least minShare of the
 * payee's payers; `payments` sorted by payer. Which of them are fed with known fraud takes the payers' labels
 * (fedLegs).
 */
export function fedCandidates(payments: readonly PaymentEdge[], settings: FunnelSettings): FunnelCandidate[] {
  if (settings.minPayers < 2 || !(settings.knownFraudFeederShare > 0)) return [];
  const fed: [string, Map<string, number>][] = [];
  for (let i = 0; i < payments.length;) {
    const payer = payments[i].payer;
    let j = i;
    let all = 0;
    let top = i;
    for (; j < payments.length && payments[j].payer === payer; j++) {
      all += payments[j].total;
      if (payments[j].total > payments[top].total) top = j;
    }
    const best = payments[top];
    if (
      best.payee !== payer &&
      best.count >= settings.minTransfers &&
      best.total >= FED_MIN_AMOUNT_SHARE * all &&
      all > 0
    )
      fed.push([payer, new Map([[best.payee, best.count]])]);
    i = j;
  }
  const byPayee = payersByPayee(fed, settings.minPayers);
  if (byPayee.size === 0) return [];
  return unpaidCandidates(payments, byPayee, settings);
}

/**
 * The transfers (keyed `payer \0 payee`) of payees fed with known fraud: every fed payer of a candidate whose fed
 * payers are at least knownFraudFeederShare known fraud (and at least one). Payers not in `accounts` count as not
 * known fraud.
 */
export function fedLegs(
  candidates: readonly FunnelCandidate[],
  accounts: ReadonlyMap<string, AccountInfo>,
  settings: FunnelSettings,
): Set<string> {
  const legs = new Set<string>();
  if (!(settings.knownFraudFeederShare > 0)) return legs;
  for (const { payee, payers } of candidates) {
    const known = payers.filter((id) => accounts.get(id)?.label === 'known_fraud').length;
    if (known === 0 || known < settings.knownFraudFeederShare * payers.length) continue;
    for (const payer of payers) legs.add(`${payer}\u0000${payee}`);
  }
  return legs;
}
