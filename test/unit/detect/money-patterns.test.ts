import { describe, expect, it } from 'vitest';
import type { AccountInfo, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import {
  fedCandidates,
  fedLegs,
  funnelCandidates,
  funnelLegs,
  onSchedule,
  paybackLegs,
  regularLegs,
} from '../../../server/detect/funnels.ts';
import { pairKey, type PaymentEvent } from '../../../server/detect/forwarding.ts';
import { DEFAULT_SETTINGS } from '../../../server/detect/settings.ts';
import { day, findingOf, names, people } from './hand-made.ts';

// Chip dumping with the cover up: four accounts, each on its own phone and home line (they share nothing), opened
// within days of each other, lose hand after hand to one winner and to nobody else. The winner also plays strangers.
const winner = 'winner';
const dumpers = names('dumper', 4);
const strangers = names('stranger', 12);
const pay = (payer: string, payee: string, count: number, total = 40 * count): PaymentEdge => ({
  payer,
  payee,
  count,
  total,
});
const ordinary = strangers.flatMap((s, i) => [pay(s, winner, 1), pay(s, strangers[(i + 1) % strangers.length], 2)]);

function accounts(openedOn: (i: number) => number): Map<string, AccountInfo> {
  return new Map([
    ...people([winner], () => ({ createdAt: day(0) })),
    ...people(dumpers, (i) => ({ createdAt: day(openedOn(i)) })),
    ...people(strangers, (i) => ({ createdAt: day(i * 30) })),
  ]);
}

describe('feeders of one account (funnels)', () => {
  it('makes the winner and the accounts that exist to pay it one flagged ring, with a reason naming them', async () => {
    const payments = [...dumpers.map((d) => pay(d, winner, 3)), ...ordinary];
    const result = await detectRings({ groups: [], payments, accounts: accounts((i) => 200 + i * 2) });
    const ring = findingOf(result, winner)!;
    expect(ring.members).toEqual([...dumpers, winner].sort());
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain(
      '4 accounts opened within 14 days pay winner and nobody else, again and again (dumper-00, dumper-01, dumper-02, …): they exist to feed one account',
    );
    expect(result.counts.paymentsFunneled).toBe(4);
    // Off, the same money ties nobody.
    const off = await detectRings({
      groups: [],
      payments,
      accounts: accounts((i) => 200 + i * 2),
      settings: { funnel: { ...DEFAULT_SETTINGS.funnel, minPayers: 0 } },
    });
    expect(findingOf(off, winner)).toBeUndefined();
  });

  it('leaves alone customers opened months apart, a few new customers of a busy payee, and money paid back', async () => {
    const spread = await detectRings({
      groups: [],
      payments: [...dumpers.map((d) => pay(d, winner, 3)), ...ordinary],
      accounts: accounts((i) => 100 + i * 60),
    });
    expect(findingOf(spread, winner)).toBeUndefined();

    // A shop with 60 payers: four new customers who bought twice are 1 in 15 of them.
    const shoppers = names('shopper', 56);
    const busy = await detectRings({
      groups: [],
      payments: [...dumpers.map((d) => pay(d, winner, 2)), ...shoppers.map((s) => pay(s, winner, 1))],
      accounts: new Map([...accounts((i) => 200 + i), ...people(shoppers)]),
    });
    expect(findingOf(busy, winner)).toBeUndefined();

    // The payee pays two of them back: the other two are not enough.
    const back = [pay(winner, dumpers[0], 1), pay(winner, dumpers[1], 1)];
    const settled = await detectRings({
      groups: [],
      payments: [...dumpers.map((d) => pay(d, winner, 3)), ...ordinary, ...back],
      accounts: accounts((i) => 200 + i),
    });
    expect(findingOf(settled, winner)).toBeUndefined();
  });

  it('finds candidates from sorted payments and keeps the feeders opened within the window', () => {
    const settings = DEFAULT_SETTINGS.funnel;
    const payments = [
      pay('a', 'p', 2),
      pay('b', 'p', 5),
      pay('c', 'p', 2),
      pay('c', 'q', 1), // c pays someone else too
      pay('d', 'p', 1), // once only
      pay('e', 'p', 3),
      pay('f', 'p', 2),
    ];
    expect(funnelCandidates(payments, settings)).toEqual([{ payee: 'p', payers: ['a', 'b', 'e', 'f'] }]);
    const opened = people(['a', 'b', 'e', 'f'], (i) => ({ createdAt: day([0, 3, 9, 90][i]) }));
    expect([...funnelLegs(funnelCandidates(payments, settings), opened, settings)].sort()).toEqual([
      'a\u0000p',
      'b\u0000p',
      'e\u0000p',
    ]);
  });
});

// Straw customers: three riders opened over four months, each on its own phone and line, ride with one driver and
// nobody else, 9 to 40 times each (dirty money paid out as fares). The driver also drives twelve strangers.
describe('regulars of one or two accounts alone (straw customers)', () => {
  const driver = 'driver';
  const straw = names('straw', 3);
  const rides = [pay(straw[0], driver, 9), pay(straw[1], driver, 40), pay(straw[2], driver, 15)];
  const fares = strangers.flatMap((s, i) => [pay(s, driver, 1), pay(s, strangers[(i + 3) % strangers.length], 2)]);
  const opened = new Map([
    ...people([driver, 'partner'], () => ({ createdAt: day(0) })),
    ...people(straw, (i) => ({ createdAt: day(100 + i * 60) })),
    ...people(strangers, (i) => ({ createdAt: day(i * 30) })),
  ]);

  it('keys the legs of payers of the same one or two accounts and nobody else, 8 times or more in all', () => {
    const settings = DEFAULT_SETTINGS.funnel;
    const sorted = (payments: PaymentEdge[]) =>
      [...payments].sort((a, b) => (a.payer < b.payer ? -1 : a.payer > b.payer ? 1 : a.payee < b.payee ? -1 : 1));
    // a, b and c pay p 8 times or more; d, e and f split 8 rides between p and q; g pays p 7 times only.
    const payments = sorted([
      pay('a', 'p', 8),
      pay('b', 'p', 30),
      pay('c', 'p', 12),
      pay('d', 'p', 4),
      pay('d', 'q', 4),
      pay('e', 'p', 6),
      pay('e', 'q', 2),
      pay('f', 'p', 10),
      pay('f', 'q', 10),
      pay('g', 'p', 7),
    ]);
    expect([...regularLegs(payments, settings)].sort()).toEqual(
      [
        'a\u0000p',
        'b\u0000p',
        'c\u0000p',
        'd\u0000p',
        'd\u0000q',
        'e\u0000p',
        'e\u0000q',
        'f\u0000p',
        'f\u0000q',
      ].sort(),
    );
    // Off: none. p pays c back: a and b are two, not three. Each also pays two more accounts: none.
    expect(regularLegs(payments, { ...settings, regularTransfers: 0 }).size).toBe(0);
    const back = sorted([...payments, pay('p', 'c', 1)]);
    expect([...regularLegs(back, settings)].sort()).toEqual(
      ['d\u0000p', 'd\u0000q', 'e\u0000p', 'e\u0000q', 'f\u0000p', 'f\u0000q'].sort(),
    );
    const more = sorted([
      ...payments,
      ...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((x) => [pay(x, 'r', 2), pay(x, 's', 2)]),
    ]);
    expect(regularLegs(more, settings).size).toBe(0);
  });

  it('makes the driver and its straw customers one flagged ring, with a reason that says they were opened apart', async () => {
    const result = await detectRings({ groups: [], payments: [...rides, ...fares], accounts: opened });
    const ring = findingOf(result, driver)!;
    expect(ring.members).toEqual([driver, ...straw].sort());
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain(
      '3 accounts pay driver and nobody else, again and again (straw-00, straw-01, straw-02); 3 of them 8 times or more, opened within 120 days: regulars of one account alone, they exist to feed it',
    );
    expect(result.counts.paymentsFunneled).toBe(3);
  });

  it('puts two drivers the same straw customers ride with, and nobody else, in one ring', async () => {
    const two = straw.flatMap((s, i) => [pay(s, driver, 5 + i), pay(s, 'partner', 4)]);
    const result = await detectRings({ groups: [], payments: [...two, ...fares], accounts: opened });
    const ring = findingOf(result, driver)!;
    expect(ring.members).toEqual([driver, 'partner', ...straw].sort());
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain(
      '3 accounts pay driver and partner and nobody else, again and again (straw-00, straw-01, straw-02); 3 of them 8 times or more, opened within 120 days: regulars of these accounts alone, they exist to feed them',
    );
  });

  it('leaves them alone with the rule off, when they also pay others, or when they pay it fewer times', async () => {
    const off = await detectRings({
      groups: [],
      payments: [...rides, ...fares],
      accounts: opened,
      settings: { funnel: { ...DEFAULT_SETTINGS.funnel, regularTransfers: 0 } },
    });
    expect(findingOf(off, driver)).toBeUndefined();
    // Each also rides with two strangers now and then: regulars of a driver, not of that driver alone.
    const also = await detectRings({
      groups: [],
      payments: [
        ...rides,
        ...straw.flatMap((s, i) => [pay(s, strangers[i], 1), pay(s, strangers[i + 5], 1)]),
        ...fares,
      ],
      accounts: opened,
    });
    expect(findingOf(also, driver)).toBeUndefined();
    // Seven rides each, opened months apart: a driver's few repeat customers.
    const fewer = await detectRings({
      groups: [],
      payments: [...rides.map((r) => ({ ...r, count: 7, total: 280 })), ...fares],
      accounts: opened,
    });
    expect(findingOf(fewer, driver)).toBeUndefined();
  });
});

// Tenants: three accounts opened months apart, each on its own phone and line, pay one landlord their rent on the
// first of every month for ten months and use the wallet for nothing else. Counted like straw customers (regulars of
// one account alone) until the payments' times are read: a monthly schedule is rent, a subscription or a fee.
describe('payments on a monthly schedule are custom, not feeding', () => {
  const landlord = 'landlord';
  const tenants = names('tenant', 3);
  const MONTH = 30.4 * 86_400_000;
  const DAY_MS = 86_400_000;
  const start = Date.parse('2025-01-01T09:00:00Z');
  // Rent on about the first of the month (a day or two late now and then); straw rides whenever the scheme needs.
  const rent = (i: number): PaymentEvent[] =>
    Array.from({ length: 10 }, (_, m): PaymentEvent => [start + m * MONTH + ((m * (i + 2)) % 3) * DAY_MS, 900]);
  const rides = (i: number): PaymentEvent[] =>
    Array.from({ length: 10 }, (_, k): PaymentEvent => [start + (k * k * (i + 3) + k) * 1.7 * DAY_MS, 60]);
  const world = (events: (i: number) => PaymentEvent[]) => {
    const byPair = new Map(tenants.map((t, i) => [pairKey(t, landlord), events(i)]));
    const payments: PaymentEdge[] = tenants.map((t, i) => ({
      payer: t,
      payee: landlord,
      count: events(i).length,
      total: events(i).reduce((sum, [, amount]) => sum + amount, 0),
    }));
    const asked: string[][] = [];
    return {
      payments: [...payments, ...strangers.map((s, i) => pay(s, strangers[(i + 1) % strangers.length], 2))],
      asked,
      paymentEvents: (pairs: ReadonlyArray<readonly [string, string]>) => {
        asked.push(pairs.map(([a, b]) => pairKey(a, b)));
        return pairs.map(([payer, payee]) => ({ payer, payee, events: byPair.get(pairKey(payer, payee)) ?? [] }));
      },
    };
  };
  const accounts = new Map([
    ...people([landlord], () => ({ createdAt: day(0) })),
    ...people(tenants, (i) => ({ createdAt: day(30 + i * 70) })),
    ...people(strangers, (i) => ({ createdAt: day(i * 30) })),
  ]);

  it('tells a monthly schedule from payments made whenever', () => {
    expect(
      onSchedule(
        rent(0).map(([at]) => at),
        30,
      ),
    ).toBe(true);
    expect(
      onSchedule(
        rides(0).map(([at]) => at),
        30,
      ),
    ).toBe(false);
    // Any order; weekly is not monthly; three payments at least; 0 turns it off.
    expect(
      onSchedule(
        [...rent(1)].reverse().map(([at]) => at),
        30,
      ),
    ).toBe(true);
    expect(
      onSchedule(
        Array.from({ length: 10 }, (_, k) => start + k * 7 * DAY_MS),
        30,
      ),
    ).toBe(false);
    expect(onSchedule([start, start + MONTH], 30)).toBe(false);
    expect(
      onSchedule(
        rent(0).map(([at]) => at),
        0,
      ),
    ).toBe(false);
    // One payment skipped (a 61-day gap) and one sent twice the same day: still rent.
    const skipped = rent(0)
      .map(([at]) => at)
      .filter((_, m) => m !== 4);
    expect(onSchedule([...skipped, skipped[6]! + 3_600_000], 30)).toBe(true);
  });

  it('keeps monthly payers out of the regulars and ties the same payers when they pay whenever', async () => {
    const monthly = world(rent);
    const result = await detectRings({ groups: [], ...monthly, accounts });
    expect(findingOf(result, landlord)).toBeUndefined();
    // The first ask is for the candidate regulars' payments, and for nothing else.
    expect(monthly.asked[0]!.sort()).toEqual(tenants.map((t) => pairKey(t, landlord)).sort());
    expect(regularLegs(monthly.payments, DEFAULT_SETTINGS.funnel, () => true).size).toBe(0);

    const whenever = world(rides);
    const straws = await detectRings({ groups: [], ...whenever, accounts });
    const ring = findingOf(straws, landlord)!;
    expect(ring.members).toEqual([landlord, ...tenants].sort());
    expect(ring.flagged).toBe(true);
    // With the test off, or without the payments' times, the tenants read as regulars as before round 24.
    const off = await detectRings({
      groups: [],
      ...world(rent),
      accounts,
      settings: { funnel: { ...DEFAULT_SETTINGS.funnel, scheduleDays: 0 } },
    });
    expect(findingOf(off, landlord)?.flagged).toBe(true);
    const untimed = await detectRings({ groups: [], payments: monthly.payments, accounts });
    expect(findingOf(untimed, landlord)?.flagged).toBe(true);
  });
});

// Bought reviews: five guests, each on its own phone and network and opened months apart, book one host again and
// again and nobody else, and the host pays each of them most of it back. Twelve strangers book the host once each.
describe('custom paid back (bought reviews or ratings)', () => {
  const host = 'host';
  const guests = names('guest', 5);
  const booked = (payee: string, back: (i: number) => number, also: PaymentEdge[] = []) => [
    ...guests.map((g) => pay(g, payee, 4)),
    ...guests.map((g, i) => pay(payee, g, back(i))).filter((p) => p.count > 0),
    ...strangers.map((s) => pay(s, payee, 1)),
    ...also,
  ];
  const opened = () =>
    new Map([
      ...people([host], () => ({ createdAt: day(0) })),
      ...people(guests, (i) => ({ createdAt: day(40 + i * 50) })),
      ...people(strangers, (i) => ({ createdAt: day(i * 30) })),
    ]);

  it('makes the host and the accounts it pays back one flagged ring, with a reason that says so', async () => {
    const result = await detectRings({ groups: [], payments: booked(host, () => 3), accounts: opened() });
    const ring = findingOf(result, host)!;
    expect(ring.members).toEqual([...guests, host].sort());
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain(
      '5 accounts pay host again and again, and host pays each of them back for at least 50 % of those payments (guest-00, guest-01, guest-02, …); they pay nobody who does not pay them back the same way: made-up custom — bought reviews or ratings',
    );
    expect(result.counts.paymentsPaidBack).toBe(5);
    // Off, the same money ties nobody (the guests were opened months apart: no funnel either).
    const off = await detectRings({
      groups: [],
      payments: booked(host, () => 3),
      accounts: opened(),
      settings: { funnel: { ...DEFAULT_SETTINGS.funnel, paidBackMinShare: 0 } },
    });
    expect(findingOf(off, host)).toBeUndefined();
  });

  it('puts two hosts the same guests book and are paid back by in one ring', async () => {
    const other = 'other-host';
    const payments = [...booked(host, () => 3), ...booked(other, () => 2).filter((p) => !strangers.includes(p.payer))];
    const accounts = new Map([...opened(), ...people([other], () => ({ createdAt: day(5) }))]);
    const result = await detectRings({ groups: [], payments, accounts });
    const ring = findingOf(result, host)!;
    expect(ring.members).toEqual([...guests, host, other].sort());
    expect(ring.flagged).toBe(true);
    // One of the hosts does not pay back: its guests are customers of several, and nothing ties anyone.
    const half = [...booked(host, () => 3), ...booked(other, () => 0).filter((p) => !strangers.includes(p.payer))];
    expect(findingOf(await detectRings({ groups: [], payments: half, accounts }), host)).toBeUndefined();
  });

  it('leaves alone a refund now and then, two friends settling up, and customers who pay others too', async () => {
    // Paid back once of four payments: a refund, not a kickback.
    const refunds = await detectRings({ groups: [], payments: booked(host, () => 1), accounts: opened() });
    expect(findingOf(refunds, host)).toBeUndefined();
    // Only two of them paid back most of it.
    const two = await detectRings({ groups: [], payments: booked(host, (i) => (i < 2 ? 3 : 0)), accounts: opened() });
    expect(findingOf(two, host)).toBeUndefined();
    // Each guest also pays a stranger, again and again, who never pays back: ordinary customers of several.
    const others = guests.map((g, i) => pay(g, strangers[i], 2));
    const spread = await detectRings({ groups: [], payments: booked(host, () => 3, others), accounts: opened() });
    expect(findingOf(spread, host)).toBeUndefined();
  });

  it('keys the paid-back payments from sorted payments', () => {
    const settings = DEFAULT_SETTINGS.funnel;
    const payments = [
      pay('a', 'p', 2),
      pay('b', 'p', 4),
      pay('c', 'p', 2),
      pay('c', 'q', 1), // c pays someone else too
      pay('d', 'p', 1), // once only
      pay('e', 'p', 3),
      pay('f', 'p', 4),
      pay('g', 'p', 2),
      pay('g', 'q', 2), // g pays two, and both pay it back
      pay('h', 'p', 2),
      pay('h', 'r', 2), // h pays two, and only p pays it back
      pay('p', 'a', 1),
      pay('p', 'b', 2),
      pay('p', 'c', 2),
      pay('p', 'd', 1),
      pay('p', 'e', 2),
      pay('p', 'f', 1), // a quarter back
      pay('p', 'g', 1),
      pay('p', 'h', 2),
      pay('q', 'g', 1),
    ].sort((x, y) => (x.payer < y.payer ? -1 : x.payer > y.payer ? 1 : 0));
    expect([...paybackLegs(payments, settings)].sort()).toEqual(['a\u0000p', 'b\u0000p', 'e\u0000p', 'g\u0000p']);
    expect(paybackLegs(payments, { ...settings, minPayers: 5 }).size).toBe(0);
    expect(paybackLegs(payments, { ...settings, paidBackMinShare: 0 }).size).toBe(0);
  });
});

// Money mules: five accounts opened months apart, each on its own phone and home line, pay one collector again and
// again; they also pay a little to strangers (they play, they shop), so they are no funnel. One of them is known fraud.
describe('payers fed with known fraud (mules paying a collector)', () => {
  const collector = 'collector';
  const mules = names('mule', 5);
  const payments = (also: PaymentEdge[] = []) => [
    ...mules.map((m) => pay(m, collector, 4, 4000)),
    ...mules.map((m, i) => pay(m, strangers[i], 3, 30)),
    ...strangers.map((s, i) => pay(s, strangers[(i + 1) % strangers.length], 1, 80)),
    ...strangers.slice(0, 6).map((s) => pay(s, collector, 1, 9)),
    ...also,
  ];
  const opened = (known: number) =>
    new Map([
      ...people([collector], () => ({ createdAt: day(0) })),
      ...people(mules, (i) => ({ createdAt: day(30 + i * 60), label: i < known ? 'known_fraud' : 'unknown' })),
      ...people(strangers, (i) => ({ createdAt: day(i * 30) })),
    ]);

  it('makes the collector and its mules one flagged ring when one of them is known fraud, naming it', async () => {
    const result = await detectRings({ groups: [], payments: payments(), accounts: opened(1) });
    const ring = findingOf(result, collector)!;
    expect(ring.members).toEqual([...mules, collector].sort());
    expect(ring.flagged).toBe(true);
    expect(ring.reasons).toContain(
      '5 accounts pay collector again and again, most of the money each of them pays (mule-00, mule-01, mule-02, …), and 1 of them is known fraud (mule-00): mules paying a collector',
    );
    expect(result.counts.paymentsFunneled).toBe(5);
    // Off, the same money ties nobody: the mules were opened months apart and pay others too.
    const off = await detectRings({
      groups: [],
      payments: payments(),
      accounts: opened(1),
      settings: { funnel: { ...DEFAULT_SETTINGS.funnel, knownFraudFeederShare: 0 } },
    });
    expect(findingOf(off, collector)).toBeUndefined();
  });

  it('leaves alone the same money without known fraud, a busy payee with one fraudster among dozens, and money paid back', async () => {
    expect(
      findingOf(await detectRings({ groups: [], payments: payments(), accounts: opened(0) }), collector),
    ).toBeUndefined();
    // A landlord or a club: 40 regular payers, one of them known fraud (1 in 40, under a tenth).
    const tenants = names('tenant', 35);
    const club = await detectRings({
      groups: [],
      payments: payments(tenants.map((t) => pay(t, collector, 6, 3000))),
      accounts: new Map([...opened(1), ...people(tenants)]),
    });
    expect(findingOf(club, collector)).toBeUndefined();
    // The collector pays three of them back: two are not enough.
    const back = mules.slice(0, 3).map((m) => pay(collector, m, 1, 500));
    const settled = await detectRings({ groups: [], payments: payments(back), accounts: opened(1) });
    expect(findingOf(settled, collector)).toBeUndefined();
  });

  it('keys the legs from sorted payments: most of the money, twice at least, never paid back', () => {
    const settings = DEFAULT_SETTINGS.funnel;
    const sorted = (list: PaymentEdge[]) => list.sort((x, y) => (x.payer < y.payer ? -1 : x.payer > y.payer ? 1 : 0));
    const list = sorted([
      pay('a', 'p', 2, 100),
      pay('a', 'q', 5, 60), // most of a's money still goes to p
      pay('b', 'p', 3, 300),
      pay('c', 'p', 2, 40),
      pay('c', 'q', 2, 60), // c pays q more
      pay('d', 'p', 1, 500), // once only
      pay('e', 'p', 4, 200),
      pay('f', 'p', 2, 90),
      pay('p', 'f', 1, 10), // p pays f back
    ]);
    expect(fedCandidates(list, settings)).toEqual([{ payee: 'p', payers: ['a', 'b', 'e'] }]);
    const labelled = (known: string[]) =>
      people(['a', 'b', 'e'], (i) => ({ label: known.includes(['a', 'b', 'e'][i]) ? 'known_fraud' : 'unknown' }));
    expect([...fedLegs(fedCandidates(list, settings), labelled(['b']), settings)].sort()).toEqual([
      'a\u0000p',
      'b\u0000p',
      'e\u0000p',
    ]);
    expect(fedLegs(fedCandidates(list, settings), labelled([]), settings).size).toBe(0);
    expect(
      fedLegs(fedCandidates(list, settings), labelled(['b']), { ...settings, knownFraudFeederShare: 0.5 }).size,
    ).toBe(0);
    expect(fedCandidates(list, { ...settings, knownFraudFeederShare: 0 })).toEqual([]);
  });
});

describe('refund abuse', () => {
  // Two accounts on one card buy from a shop that 20 other customers pay; the shop refunds most of their orders.
  const [a, b] = names('refunder', 2);
  const shop = 'shop';
  const customers = names('customer', 20);
  const groups = [{ kind: 'payment' as const, key: 'card-9', accounts: [a, b] }];
  const payments = (refundsOfB: number) => [
    ...customers.map((c) => pay(c, shop, 1)),
    pay(a, shop, 3),
    pay(shop, a, 2),
    pay(b, shop, 4),
    ...(refundsOfB > 0 ? [pay(shop, b, refundsOfB)] : []),
  ];
  const run = (refundsOfB: number) =>
    detectRings({
      groups,
      payments: payments(refundsOfB),
      accounts: new Map([...people([a, b]), ...people(customers), ...people([shop])]),
    });

  it('flags two linked accounts that both get most of what they pay refunded, and says how much', async () => {
    const pair = findingOf(await run(2), a)!;
    expect(pair.members).toEqual([a, b]);
    expect(pair.flagged).toBe(true);
    expect(pair.reasons).toContain(
      "2 of 2 accounts got at least 40 % of their payments refunded (refunder-00: 2 of 3; refunder-01: 2 of 4): refund abuse's pattern",
    );
  });

  it('does not discount refund abuse from one home: living together does not explain both being refunded', async () => {
    const atHome = (refundsOfB: number) =>
      detectRings({
        groups: [...groups, { kind: 'address' as const, key: '4 oak rd|leeds', accounts: [a, b] }],
        payments: payments(refundsOfB),
        accounts: new Map([
          ...people([a, b], () => ({ addresses: ['4 oak rd|leeds'] })),
          ...people(customers),
          ...people([shop]),
        ]),
        settings: { reportThreshold: 0 },
      });
    const card = (r: Awaited<ReturnType<typeof atHome>>) =>
      findingOf(r, a)!.features.sharedIdentifiers.find((x) => x.key === 'card-9')!.points;
    const abuse = findingOf(await atHome(2), a)!;
    expect(abuse.flagged).toBe(true);
    // A couple at home on one card, one of them refunded now and then: the family's card, a fifth of its points.
    expect(card(await atHome(2))).toBeGreaterThan(card(await atHome(1)) * 4);
  });

  it('does not count one refunded member, or a refund now and then', async () => {
    for (const refundsOfB of [0, 1]) {
      const pair = findingOf(await run(refundsOfB), a)!;
      expect(pair.flagged, `${refundsOfB}`).toBe(false);
      expect(pair.reasons.join('\n')).not.toMatch(/refunded/);
    }
  });
});
