import { describe, expect, it } from 'vitest';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { day, findingOf, names, people } from './hand-made.ts';
import { reversalTransfers } from '../../../server/detect/reversals.ts';
import { mailboxName, sameNameMembers } from '../../../server/detect/templates.ts';
import { seenKey } from '../../../server/detect/reentry.ts';
import { freshStarts } from '../../../server/detect/takeover.ts';

// Small hand-made graphs for the principles drawn from the held-out diagnosis (docs/held-out-diagnosis.md).

describe('reversals: a merchant paying back its own payers', () => {
  it('marks only payments back from an account with many distinct payers to one of them', () => {
    // node 0: a shop paid by nodes 1..25, refunding 1 and 2; node 26: a collector paid by 27..51, paying on to 52
    const ends: number[] = [];
    for (let b = 1; b <= 25; b++) ends.push(b, 0);
    ends.push(0, 1, 0, 2);
    for (let v = 27; v <= 51; v++) ends.push(v, 26);
    ends.push(26, 52);
    const marks = reversalTransfers(Int32Array.from(ends), 53, 20);
    const reversed = [...marks.keys()].filter((t) => marks[t] === 1).map((t) => [ends[2 * t], ends[2 * t + 1]]);
    expect(reversed).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(reversalTransfers(Int32Array.from(ends), 53, 0).every((m) => m === 0)).toBe(true);
  });

  it('does not pull a popular seller into a linked pair it refunded, nor read the refunds as circulation', async () => {
    const buyers = names('buyer', 30);
    const seller = 'seller';
    const [a, b] = buyers;
    const groups: IdentifierGroup[] = [
      // a and b are one refund abuser's two accounts: one handset, opened weeks apart
      { kind: 'device', key: 'handset-1', accounts: [a, b] },
      { kind: 'phone', key: '+12025550123', accounts: [a, b] },
    ];
    const payments: PaymentEdge[] = buyers.map((p) => ({ payer: p, payee: seller, count: 2, total: 80 }));
    payments.push({ payer: seller, payee: a, count: 2, total: 80 }, { payer: seller, payee: b, count: 2, total: 80 });
    const accounts = people([...buyers, seller]);
    const result = await detectRings({ groups, payments, accounts });
    const finding = findingOf(result, a)!;
    expect(finding.members).toEqual([a, b]);
    expect(finding.reasons.join('\n')).not.toMatch(/circulate|loop|passes money/);
    expect(result.counts.paymentsReversed).toBe(2);
    // With the rule off, the same refunds close a relay a → seller → b and the seller joins the finding.
    const off = await detectRings({ groups, payments, accounts, settings: { merchantMinPayers: 0 } });
    expect(findingOf(off, a)!.members).toContain(seller);
  });
});

describe('one operator is not a household', () => {
  // Four accounts at one address, on one laptop and one card; none has a device of its own.
  const farm = names('promo', 4);
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'laptop-1', accounts: farm },
    { kind: 'payment', key: 'card-1', accounts: farm.slice(0, 2) },
    { kind: 'address', key: '12 elm st|springfield', accounts: farm },
  ];
  const opened = (gapDays: number) =>
    people(farm, (i) => ({ createdAt: day(i * gapDays), devices: 1, addresses: ['12 elm st|springfield'] }));

  it('flags accounts with no device of their own, opened within days, although they share an address', async () => {
    const result = await detectRings({ groups, accounts: opened(1) });
    const ring = findingOf(result, farm[0])!;
    expect(ring.members).toEqual(farm);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(/one operator, not a household/);
  });

  it('still discounts the same accounts opened years apart: a family on its one computer', async () => {
    const result = await detectRings({ groups, accounts: opened(400) });
    const ring = findingOf(result, farm[0]);
    expect(ring?.flagged ?? false).toBe(false);
    expect((ring?.reasons ?? []).join('\n')).not.toMatch(/one operator/);
  });
});

describe('takeovers: an intruder device on long-standing accounts', () => {
  // Five strangers, opened a year or more before, each with a phone of its own; one browser turns up on all of them.
  const victims = names('victim', 5);
  const groups: IdentifierGroup[] = [{ kind: 'device', key: 'fp-intruder', accounts: victims }];
  const accounts = (firstSeenGapDays: number) =>
    people(victims, (i) => ({
      createdAt: day(i * 30),
      devices: 2,
      deviceFirstSeen: { 'fp-intruder': day(500 + i * firstSeenGapDays) },
    }));

  it('flags five accounts the device was first seen on within days, with a reason naming it', async () => {
    const result = await detectRings({ groups, accounts: accounts(1) });
    expect(result.excluded.map((e) => e.key)).not.toContain('fp-intruder');
    const ring = findingOf(result, victims[0])!;
    expect(ring.members).toEqual(victims);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(/5 accounts opened long before were first seen on device fp-intruder/);
  });

  it('reads the same device picked up over months (a kiosk, an office PC) as generic', async () => {
    const result = await detectRings({ groups, accounts: accounts(60) });
    expect(result.excluded).toContainEqual(expect.objectContaining({ key: 'fp-intruder', reason: 'generic' }));
    expect(findingOf(result, victims[0])).toBeUndefined();
  });
});

describe('takeovers in one sitting each: an intruder writing its drop address into every victim', () => {
  // Three strangers opened months apart, each at a home of its own. Weeks apart (more than takeover.windowDays), an
  // intruder logs into each from one browser and, within the hour, saves its drop address on the account.
  const victims = names('victim', 3);
  const drop = '9 quay st|portsmouth';
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'fp-intruder', accounts: victims },
    { kind: 'address', key: drop, accounts: victims },
  ];
  const at = (n: number, hours = 0) => new Date(Date.parse(day(n)) + hours * 3_600_000).toISOString();
  const accounts = (o: { addressHours?: number; openedDay?: (i: number) => number; oldHome?: string } = {}) =>
    people(victims, (i) => ({
      createdAt: day(o.openedDay ? o.openedDay(i) : i * 100),
      devices: 2,
      addresses: [o.oldHome ?? `${i + 1} own st|town ${i}`, drop],
      deviceFirstSeen: { 'fp-intruder': at(400 + i * 12) },
      identifierSeen: {
        [seenKey('address', drop)]: [at(400 + i * 12, o.addressHours ?? 0.5), at(400 + i * 12, 1)] as [string, string],
      },
    }));

  it('flags the victims however many days lie between the sittings, and the address is no home', async () => {
    const result = await detectRings({ groups, accounts: accounts() });
    const ring = findingOf(result, victims[0])!;
    expect(ring.members).toEqual(victims);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(
      /3 accounts opened long before each took device fp-intruder and address 9 quay st\|portsmouth in one sitting \(within 6 hours\), over 24 days: a takeover's pattern/,
    );
    // Off, the same victims read as a household at the drop address: nothing flagged.
    const off = await detectRings({
      groups,
      accounts: accounts(),
      settings: { takeover: { windowDays: 7, establishedDays: 30, minShare: 0.75, minAccounts: 3, sittingHours: 0 } },
    });
    expect(findingOf(off, victims[0])?.flagged ?? false).toBe(false);
  });

  it('leaves alone a family moving house, an address saved months later, and accounts opened that week', async () => {
    const cases = {
      // they lived together before: the old home still makes them a household
      'a family moving house with a new computer': accounts({ oldHome: '4 old rd|town' }),
      'the address saved days after the device turned up': accounts({ addressHours: 24 * 5 }),
      'accounts opened the week of their sitting': accounts({ openedDay: (i) => 395 + i * 12 }),
    };
    for (const [what, infos] of Object.entries(cases)) {
      const result = await detectRings({ groups, accounts: infos });
      expect(findingOf(result, victims[0])?.flagged ?? false, what).toBe(false);
      expect((findingOf(result, victims[0])?.reasons ?? []).join('\n'), what).not.toMatch(/in one sitting/);
    }
  });

  it('does not read the intruder browser as generic when it reached seven victims over two months', async () => {
    // Seven strangers with phones of their own, one sitting every ten days: the browser alone looks like a kiosk's.
    const many = names('victim', 7);
    const manyGroups: IdentifierGroup[] = [
      { kind: 'device', key: 'fp-intruder', accounts: many },
      { kind: 'address', key: drop, accounts: many },
    ];
    const infos = people(many, (i) => ({
      createdAt: day(i * 50),
      devices: 3,
      addresses: [`${i + 1} own st|town ${i}`, drop],
      deviceFirstSeen: { 'fp-intruder': at(400 + i * 10) },
      identifierSeen: { [seenKey('address', drop)]: [at(400 + i * 10, 0.2), at(400 + i * 10, 1)] as [string, string] },
    }));
    const result = await detectRings({ groups: manyGroups, accounts: infos });
    expect(result.excluded.map((e) => e.key)).not.toContain('fp-intruder');
    const ring = findingOf(result, many[0])!;
    expect(ring.members).toEqual(many);
    expect(ring.flagged).toBe(true);
    const off = await detectRings({
      groups: manyGroups,
      accounts: infos,
      settings: { takeover: { windowDays: 7, establishedDays: 30, minShare: 0.75, minAccounts: 3, sittingHours: 0 } },
    });
    expect(off.excluded).toContainEqual(expect.objectContaining({ key: 'fp-intruder', reason: 'generic' }));
    expect(findingOf(off, many[0])?.flagged ?? false).toBe(false);
    // From a database, whose lookup leaves the sightings out: asked for before the generic test, the same finding.
    const db = await detectRings({
      groups: manyGroups,
      accounts: (ids) => ids.flatMap((id) => (infos.has(id) ? [{ ...infos.get(id)!, identifierSeen: undefined }] : [])),
      sightings: (ids) => ids.map((id) => ({ id, identifierSeen: infos.get(id)!.identifierSeen })),
    });
    expect(db.excluded.map((e) => e.key)).not.toContain('fp-intruder');
    expect(findingOf(db, many[0])).toMatchObject({ members: many, flagged: true, score: ring.score });
  });

  it('asks a database for the sightings of those members only, and finds the same', async () => {
    const full = accounts();
    const bystanders = names('bystander', 3);
    const all = new Map([...full, ...people(bystanders)]);
    const withBystanders: IdentifierGroup[] = [...groups, { kind: 'device', key: 'fp-family', accounts: bystanders }];
    const asked: string[] = [];
    const result = await detectRings({
      groups: withBystanders,
      accounts: (ids) => ids.flatMap((id) => (all.has(id) ? [{ ...all.get(id)!, identifierSeen: undefined }] : [])),
      sightings: (ids) => {
        asked.push(...ids);
        return ids.map((id) => ({ id, identifierSeen: all.get(id)!.identifierSeen }));
      },
    });
    expect([...new Set(asked)].sort()).toEqual(victims);
    const ring = findingOf(result, victims[0])!;
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(/in one sitting/);
  });
});

describe("intruders' networks: a fraudster's IP turning up on long-standing accounts", () => {
  // Four strangers, opened months apart, each on its own phone and card; after a sale (or a takeover) all four come
  // from the buyer's proxy within days. One of them is known fraud.
  const rented = names('rented', 4);
  const groups: IdentifierGroup[] = [{ kind: 'ip', key: '203.0.113.9', accounts: rented }];
  const proxy = seenKey('ip', '203.0.113.9');
  const accounts = (gapDays: number, known: number, openedApart = 60) =>
    people(rented, (i) => ({
      createdAt: day(i * openedApart),
      label: i < known ? 'known_fraud' : 'unknown',
      identifierSeen: { [proxy]: [day(400 + i * gapDays), day(480)] as [string, string] },
    }));

  it('ties the accounts first seen on the IP within weeks, one of them known fraud, and names the IP', async () => {
    const result = await detectRings({ groups, accounts: accounts(5, 1) });
    expect(result.counts.intruderNetworks).toBe(1);
    const ring = findingOf(result, rented[0])!;
    expect(ring.members).toEqual(rented);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(
      /4 accounts opened long before were first seen on IP 203\.0\.113\.9 within 15 days, a known-fraud account among them/,
    );
    // Off, an IP ties nobody.
    const off = await detectRings({
      groups,
      accounts: accounts(5, 1),
      settings: { networkTakeover: { windowDays: 21, minAccounts: 0, minShare: 1, handoverMinAccounts: 0 } },
    });
    expect(findingOf(off, rented[1])).toBeUndefined();
    expect(off.counts.intruderNetworks).toBe(0);
  });

  it('leaves alone the same IP without known fraud, picked up over months, or by accounts opened just before', async () => {
    const cases = {
      'no known fraud (a family moving, flatmates on a new line)': accounts(5, 0),
      'picked up over months (a café, a campus)': accounts(40, 1),
      'opened the week they first used it (new accounts, no takeover)': people(rented, (i) => ({
        createdAt: day(395 + i),
        label: i === 0 ? 'known_fraud' : 'unknown',
        identifierSeen: { [proxy]: [day(400 + i), day(480)] as [string, string] },
      })),
    };
    for (const [what, infos] of Object.entries(cases)) {
      const result = await detectRings({ groups, accounts: infos });
      expect(result.counts.intruderNetworks, what).toBe(0);
      expect(findingOf(result, rented[1]), what).toBeUndefined();
    }
    // Four users, one of them on the IP since long before: not the intruder's own network.
    const early = new Map(accounts(5, 1));
    early.set(rented[3], { ...early.get(rented[3])!, identifierSeen: { [proxy]: [day(250), day(480)] } });
    const before = await detectRings({ groups, accounts: early });
    expect(before.counts.intruderNetworks).toBe(0);
    expect(findingOf(before, rented[1])).toBeUndefined();
    // Three of ten users of the IP: a shared network, not the intruder's own.
    const others = names('other', 6);
    const busy = await detectRings({
      groups: [{ kind: 'ip', key: '203.0.113.9', accounts: [...rented.slice(0, 3), ...others] }],
      accounts: new Map([
        ...accounts(5, 1),
        ...people(others, (i) => ({ identifierSeen: { [proxy]: [day(100 + i * 50), day(480)] as [string, string] } })),
      ]),
    });
    expect(busy.counts.intruderNetworks).toBe(0);
  });

  it('finds the network through a lookup given the known-fraud accounts and the sightings, as with a map', async () => {
    const infos = accounts(5, 1);
    const lookup = (ids: readonly string[]) =>
      ids.flatMap((id) => {
        const info = infos.get(id);
        return info ? [{ ...info, identifierSeen: undefined }] : [];
      });
    const sightings = (ids: readonly string[]) =>
      ids.map((id) => ({ id, identifierSeen: infos.get(id)!.identifierSeen }));
    const viaLookup = await detectRings({
      groups,
      accounts: lookup,
      knownFraudAccounts: () => [rented[0]],
      sightings,
    });
    expect(findingOf(viaLookup, rented[0])!.members).toEqual(rented);
    expect(findingOf(viaLookup, rented[0])!.score).toBe(
      findingOf(await detectRings({ groups, accounts: infos }), rented[0])!.score,
    );
    // Without the known-fraud accounts a lookup cannot look: nothing.
    expect(findingOf(await detectRings({ groups, accounts: lookup, sightings }), rented[0])).toBeUndefined();
  });
});

describe('accounts that changed hands: a fresh start onto one network', () => {
  const DAY = 86_400_000;
  it('finds the times from which none of the devices and networks used before is seen again', () => {
    const D = true;
    const N = false;
    // A phone and a home line for 100 days, then a new laptop and a proxy: one fresh start, at day 150.
    const sold: [number, number, boolean][] = [
      [0, 100 * DAY, D],
      [0, 100 * DAY, N],
      [150 * DAY, 200 * DAY, D],
      [150 * DAY, 200 * DAY, N],
    ];
    expect(freshStarts(sold)).toEqual([150 * DAY]);
    // In any order.
    expect(freshStarts([...sold].reverse())).toEqual([150 * DAY]);
    // A new phone, the same home line: none. A move, the same phone: none.
    expect(
      freshStarts([
        [0, 100 * DAY, D],
        [0, 300 * DAY, N],
        [120 * DAY, 300 * DAY, D],
      ]),
    ).toEqual([]);
    expect(
      freshStarts([
        [0, 300 * DAY, D],
        [0, 100 * DAY, N],
        [120 * DAY, 300 * DAY, N],
      ]),
    ).toEqual([]);
    // A life before it needs a device in use for two weeks or more: single logins on new networks are no life.
    expect(
      freshStarts([
        [0, 0, D],
        [10 * DAY, 10 * DAY, N],
        [20 * DAY, 20 * DAY, N],
      ]),
    ).toEqual([]);
    expect(
      freshStarts([
        [0, 13 * DAY, D],
        [0, 100 * DAY, N],
        [150 * DAY, 200 * DAY, D],
      ]),
    ).toEqual([]);
    expect(
      freshStarts([
        [0, 14 * DAY, D],
        [0, 100 * DAY, N],
        [150 * DAY, 200 * DAY, D],
      ]),
    ).toEqual([150 * DAY]);
    // A network's window alone is not that life either; one window, or none, says nothing.
    expect(
      freshStarts([
        [0, 100 * DAY, N],
        [150 * DAY, 200 * DAY, D],
      ]),
    ).toEqual([]);
    expect(freshStarts([[0, DAY, D]])).toEqual([]);
    expect(freshStarts([])).toEqual([]);
  });

  // Four strangers opened months apart; a buyer takes them over one by one over three months (past the 21-day
  // window of an intruder's network), from then on only on its own laptop and proxy. One of them is known fraud.
  const sold = names('sold', 4);
  const proxyKey = '198.51.100.7';
  const proxy = seenKey('ip', proxyKey);
  const groups: IdentifierGroup[] = [{ kind: 'ip', key: proxyKey, accounts: sold }];
  const accounts = (fresh: (i: number) => string[] | undefined, known = 1, members = sold) =>
    people(members, (i) => ({
      createdAt: day(i * 60),
      label: i < known ? 'known_fraud' : 'unknown',
      identifierSeen: { [proxy]: [day(400 + i * 30), day(520)] as [string, string] },
      freshStarts: fresh(i),
    }));
  const handedOver = (i: number) => [day(400 + i * 30)];

  it('ties accounts that each changed hands onto the IP, however far apart, one of them known fraud', async () => {
    const result = await detectRings({ groups, accounts: accounts(handedOver) });
    expect(result.counts.intruderNetworks).toBe(1);
    const ring = findingOf(result, sold[0])!;
    expect(ring.members).toEqual(sold);
    expect(ring.flagged).toBe(true);
    expect(ring.reasons.join('\n')).toMatch(
      /4 accounts opened long before each changed hands onto IP 198\.51\.100\.7 \(over 90 days\): from one day on, none of the devices or networks they had used before was seen again, and a known-fraud account is among them/,
    );
    // Off, the IP ties nobody: its first sightings are 90 days apart.
    const off = await detectRings({
      groups,
      accounts: accounts(handedOver),
      settings: { networkTakeover: { handoverMinAccounts: 0 } as never },
    });
    expect(off.counts.intruderNetworks).toBe(0);
    expect(findingOf(off, sold[1])).toBeUndefined();
    // Two such accounts are a pair of their own.
    const pair = await detectRings({
      groups: [{ kind: 'ip', key: proxyKey, accounts: sold.slice(0, 2) }],
      accounts: accounts(handedOver, 1, sold.slice(0, 2)),
    });
    expect(findingOf(pair, sold[1])).toMatchObject({ kind: 'pair', members: sold.slice(0, 2) });
  });

  it('leaves alone a family that moves (no fresh start), a start after the IP, a new account, no known fraud', async () => {
    const cases = {
      'no fresh start (a family moving house keeps its phones)': accounts(() => undefined),
      'a fresh start after the IP was first seen': accounts((i) => [day(401 + i * 30)]),
      'a fresh start days after opening': people(sold, (i) => ({
        createdAt: day(395 + i * 30),
        label: i === 0 ? 'known_fraud' : 'unknown',
        identifierSeen: { [proxy]: [day(400 + i * 30), day(520)] as [string, string] },
        freshStarts: [day(400 + i * 30)],
      })),
      'no known fraud': accounts(handedOver, 0),
    };
    for (const [what, infos] of Object.entries(cases)) {
      const result = await detectRings({ groups, accounts: infos });
      expect(result.counts.intruderNetworks, what).toBe(0);
      expect(findingOf(result, sold[1]), what).toBeUndefined();
    }
    // Three of four users changed hands onto it; the fourth had used it all along: not the buyer's own network.
    const mixed = new Map(accounts(handedOver));
    mixed.set(sold[3], { ...mixed.get(sold[3])!, freshStarts: undefined });
    expect((await detectRings({ groups, accounts: mixed })).counts.intruderNetworks).toBe(0);
  });

  it('reads the fresh starts with the sightings from a database, and finds the same', async () => {
    const infos = accounts(handedOver);
    const result = await detectRings({
      groups,
      accounts: (ids) =>
        ids.flatMap((id) =>
          infos.has(id) ? [{ ...infos.get(id)!, identifierSeen: undefined, freshStarts: undefined }] : [],
        ),
      knownFraudAccounts: () => [sold[0]],
      sightings: (ids) =>
        ids.map((id) => ({
          id,
          identifierSeen: infos.get(id)!.identifierSeen,
          freshStarts: infos.get(id)!.freshStarts,
        })),
    });
    const ring = findingOf(result, sold[0])!;
    expect(ring.members).toEqual(sold);
    expect(ring.score).toBe(findingOf(await detectRings({ groups, accounts: infos }), sold[0])!.score);
  });
});

describe('pieces of one operation', () => {
  // Two promo farms, each on its own laptop and card, opened the same week and shipping to one drop address.
  const a = names('farm-a', 4);
  const b = names('farm-b', 4);
  const drop = '9 dock rd|portsmouth';
  const groups = (dropUsers: string[]): IdentifierGroup[] => [
    { kind: 'device', key: 'laptop-a', accounts: a },
    { kind: 'payment', key: 'card-a', accounts: a },
    { kind: 'device', key: 'laptop-b', accounts: b },
    { kind: 'payment', key: 'card-b', accounts: b },
    { kind: 'address', key: drop, accounts: dropUsers },
  ];
  const accounts = (gapDays: number) =>
    people([...a, ...b], (i) => ({ createdAt: day(i < 4 ? i : gapDays + i), devices: 1 }));

  it('joins two flagged findings that share a drop address through accounts opened within days', async () => {
    const result = await detectRings({ groups: groups([a[0], b[0]]), accounts: accounts(0) });
    expect(findingOf(result, a[0])!.members).toEqual([...a, ...b]);
    expect(findingOf(result, a[0])!.flagged).toBe(true);
  });

  it('keeps them apart when the address is busy (many others use it) or they were opened months apart', async () => {
    const neighbours = names('neighbour', 5);
    const busy = await detectRings({
      groups: groups([a[0], b[0], ...neighbours]),
      accounts: new Map([...accounts(0), ...people(neighbours)]),
    });
    expect(findingOf(busy, a[0])!.members).toEqual(a);
    const apart = await detectRings({ groups: groups([a[0], b[0]]), accounts: accounts(200) });
    expect(findingOf(apart, a[0])!.members).toEqual(a);
    expect(findingOf(apart, b[0])!.members).toEqual(b);
  });
});

describe('pieces of one operation on a crew’s own network', () => {
  // A stolen-card crew of nine in three cells, each cell on its own drop handset and card, all of them behind one
  // residential proxy that nobody else uses, opened within a week.
  const cells = [names('crew-a', 3), names('crew-b', 3), names('crew-c', 3)];
  const crew = cells.flat();
  const proxy = '2001:db8:100:2f::d96';
  const groups = (proxyUsers: string[]): IdentifierGroup[] => [
    ...cells.flatMap((cell, i) => [
      { kind: 'device' as const, key: `drop-handset-${i}`, accounts: cell },
      { kind: 'payment' as const, key: `stolen-card-${i}`, accounts: cell },
    ]),
    { kind: 'ip', key: proxy, accounts: proxyUsers },
  ];
  const accounts = (gapDays: number) =>
    people(crew, (i) => ({ createdAt: day(Math.floor(i / 3) * gapDays + i / 4), devices: 1 }));

  it('joins the cells into one flagged ring when most members of each use the proxy', async () => {
    const result = await detectRings({ groups: groups(crew), accounts: accounts(2) });
    expect(findingOf(result, crew[0])!.members).toEqual(crew);
    expect(findingOf(result, crew[0])!.flagged).toBe(true);
    const off = await detectRings({
      groups: groups(crew),
      accounts: accounts(2),
      settings: { pieceIpMinShare: -1 },
    });
    expect(findingOf(off, crew[0])!.members).toEqual(cells[0]);
  });

  it('keeps them apart when only one member of a cell uses it, when it is busy, or when they were opened months apart', async () => {
    // one visit each from cells b and c
    const visits = await detectRings({
      groups: groups([...cells[0], cells[1][0], cells[2][0]]),
      accounts: accounts(2),
    });
    expect(findingOf(visits, crew[0])!.members).toEqual(cells[0]);
    expect(findingOf(visits, cells[1][0])!.members).toEqual(cells[1]);
    const others = names('café', 3);
    const busy = await detectRings({
      groups: groups([...crew, ...others]),
      accounts: new Map([...accounts(2), ...people(others)]),
    });
    expect(findingOf(busy, crew[0])!.members).toEqual(cells[0]);
    const apart = await detectRings({ groups: groups(crew), accounts: accounts(120) });
    expect(findingOf(apart, crew[0])!.members).toEqual(cells[0]);
    expect(findingOf(apart, cells[2][0])!.members).toEqual(cells[2]);
  });
});

describe('household money: payments among people who live together', () => {
  // A family of four: one tablet, one family card, paying each other round and round (pocket money, rent share).
  const family = names('family', 4);
  const groups = (address: boolean): IdentifierGroup[] => [
    { kind: 'device', key: 'tablet-1', accounts: family },
    { kind: 'payment', key: 'family-card', accounts: family.slice(0, 3) },
    ...(address ? [{ kind: 'address' as const, key: '4 oak rd|leeds', accounts: family }] : []),
  ];
  const payments: PaymentEdge[] = family.flatMap((payer, i) =>
    family.filter((_, j) => j !== i).map((payee) => ({ payer, payee, count: 6, total: 300 })),
  );
  const accounts = (address: boolean) => people(family, () => (address ? { addresses: ['4 oak rd|leeds'] } : {}));

  it('discounts the money terms like the shared tablet and card when the members live together', async () => {
    const home = findingOf(await detectRings({ groups: groups(true), payments, accounts: accounts(true) }), family[0]);
    const apart = findingOf(
      await detectRings({ groups: groups(false), payments, accounts: accounts(false) }),
      family[0],
    )!;
    expect(apart.members).toEqual(family);
    expect(apart.flagged).toBe(true);
    const money = (r: typeof apart) => r.features.scoreBreakdown.payments + r.features.scoreBreakdown.cycle;
    expect(money(apart)).toBeGreaterThan(0);
    expect(home?.flagged ?? false).toBe(false);
    if (home) expect(money(home)).toBeLessThan(money(apart) * 0.5);
  });
});

describe('a banned account counts as known fraud', () => {
  const [old, fresh] = ['banned-user', 'new-user'];
  const groups: IdentifierGroup[] = [{ kind: 'payment', key: 'card-77', accounts: [old, fresh] }];
  const run = (status: string, bannedStatuses?: string[]) =>
    detectRings({
      groups,
      accounts: people([old, fresh], (i) => (i === 0 ? { status } : { status: 'active' })),
      ...(bannedStatuses ? { settings: { bannedStatuses } } : {}),
    });

  it('flags a new account on a banned user’s card as a pair, with a reason naming the ban', async () => {
    const pair = findingOf(await run('Banned'), fresh)!;
    expect(pair.kind).toBe('pair');
    expect(pair.flagged).toBe(true);
    expect(pair.reasons.join('\n')).toMatch(/banned by the platform: banned-user \(status Banned\)/);
  });

  it('reads a self-excluded player as barred too: a new account on their card is a re-registration', async () => {
    const pair = findingOf(await run('self_excluded'), fresh)!;
    expect(pair.flagged).toBe(true);
    expect(pair.reasons.join('\n')).toMatch(/banned by the platform: banned-user \(status self_excluded\)/);
  });

  it('does not read a closed account, or any status when the list is empty, as a ban', async () => {
    for (const result of [await run('closed'), await run('dormant'), await run('banned', [])]) {
      const pair = findingOf(result, fresh);
      expect(pair?.flagged ?? false).toBe(false);
      expect((pair?.reasons ?? []).join('\n')).not.toMatch(/known fraud|banned/);
    }
  });
});

describe('re-entry: a banned account’s successor takes its home IP or phone over', () => {
  // Accounts 0 and 1 share only a home IP (used by no one else), and 2 and 3 only a phone number given at sign-up.
  // Account 0 is banned and stopped; 1 began on the IP afterwards. 2 is banned; 3 signed up with its phone number.
  const ids = ['old-ip', 'new-ip', 'old-phone', 'new-phone'];
  const IP = '198.51.100.7';
  const PHONE = '+12025550188';
  const groups: IdentifierGroup[] = [
    { kind: 'ip', key: IP, accounts: ['old-ip', 'new-ip'] },
    { kind: 'phone', key: PHONE, accounts: ['old-phone', 'new-phone'] },
  ];
  const ipKey = `ip\u0000${IP}`;
  const phoneKey = `phone\u0000${PHONE}`;
  /** `oldUntil`/`newFrom`: days the old account was last and the new one first seen (on the IP, and at all). */
  const accounts = (oldUntil: number, newFrom: number, status = 'banned') =>
    people(ids, (i) => {
      const old = i % 2 === 0;
      const key = i < 2 ? ipKey : phoneKey;
      const signUp = old ? 0 : newFrom;
      // The IP is seen over the account's whole life; the phone number once, at sign-up.
      const window: [string, string] =
        i < 2 ? (old ? [day(0), day(oldUntil)] : [day(newFrom), day(newFrom + 120)]) : [day(signUp), day(signUp)];
      return {
        createdAt: day(signUp),
        status: old ? status : 'active',
        identifierSeen: { [key]: window },
        activity: old ? [day(0), day(oldUntil)] : [day(newFrom), day(newFrom + 120)],
      };
    });

  it('flags the successors as pairs, with a reason naming the identifier, the banned account and the dates', async () => {
    const result = await detectRings({ groups, accounts: accounts(200, 230) });
    for (const [old, fresh, what] of [
      ['old-ip', 'new-ip', `IP ${IP}`],
      ['old-phone', 'new-phone', `phone number ${PHONE}`],
    ]) {
      const pair = findingOf(result, fresh)!;
      expect(pair.kind).toBe('pair');
      expect(pair.members).toEqual([fresh, old].sort());
      expect(pair.flagged).toBe(true);
      const reason = pair.reasons.find((r) => r.includes('took'))!;
      expect(reason).toContain(`${fresh} took ${what} over from banned account ${old}`);
      expect(reason).toContain(day(200).slice(0, 10));
      expect(pair.features.scoreBreakdown.reentry).toBe(35);
    }
  });

  it('flags a successor that was banned in its turn (the user came back and was caught again), one way round', async () => {
    const both = new Map(
      [...accounts(200, 230)].map(([id, info]) => [id, id.startsWith('new') ? { ...info, status: 'banned' } : info]),
    );
    const result = await detectRings({ groups, accounts: both });
    for (const [old, fresh, what] of [
      ['old-ip', 'new-ip', `IP ${IP}`],
      ['old-phone', 'new-phone', `phone number ${PHONE}`],
    ]) {
      const pair = findingOf(result, fresh)!;
      expect(pair.members).toEqual([fresh, old].sort());
      expect(pair.flagged).toBe(true);
      expect(pair.features.scoreBreakdown.reentry).toBe(35);
      const took = pair.reasons.filter((r) => r.includes(' took '));
      expect(took).toHaveLength(1);
      expect(took[0]).toContain(`${fresh} took ${what} over from banned account ${old}`);
    }
    // Side by side, both banned: no succession, and the home IP alone flags nothing.
    const sideBySide = new Map(
      [...accounts(300, 100)].map(([id, info]) => [id, id.startsWith('new') ? { ...info, status: 'banned' } : info]),
    );
    const apart = await detectRings({ groups, accounts: sideBySide });
    expect((findingOf(apart, 'new-ip')?.reasons ?? []).join('\n')).not.toMatch(/took .* over/);
  });

  it('does not flag accounts used side by side (a household), nor a successor of an account that was not banned', async () => {
    // The new accounts start while the old ones are still active: a flatmate, a spouse.
    const sideBySide = await detectRings({ groups, accounts: accounts(300, 100) });
    // The same succession, but the old accounts were closed, not banned.
    const closed = await detectRings({ groups, accounts: accounts(200, 230, 'closed') });
    // The same succession with re-entry off.
    const off = await detectRings({ groups, accounts: accounts(200, 230), settings: { reentryMaxSharers: 0 } });
    for (const result of [sideBySide, closed, off]) {
      // A home IP is a weak tie: without the succession nothing flags the pair. (A phone number is a strong tie: a
      // banned account's phone on a new account is flagged as before, as guilt by association, just not as re-entry.)
      expect(findingOf(result, 'new-ip')?.flagged ?? false).toBe(false);
      for (const fresh of ['new-ip', 'new-phone'])
        expect((findingOf(result, fresh)?.reasons ?? []).join('\n'), fresh).not.toMatch(/took .* over/);
    }
  });
});

describe('one mailbox written two ways', () => {
  // Two guests, opened five weeks apart, tied by nothing but one Gmail mailbox (dots and a +tag do not count there).
  const [first, second] = names('promo-guest', 2);
  const groups: IdentifierGroup[] = [{ kind: 'email', key: 'johnsmith12@gmail.com', accounts: [first, second] }];
  const written = (a?: string, b?: string) =>
    people([first, second], (i) => ({
      createdAt: day(i * 35),
      devices: 1,
      ...((i === 0 ? a : b) !== undefined && { emailSpellings: { 'johnsmith12@gmail.com': (i === 0 ? a : b)! } }),
    }));

  it('flags a pair that wrote it differently, with a reason naming both spellings', async () => {
    const result = await detectRings({
      groups,
      payments: [],
      accounts: written('John.Smith12@gmail.com', 'johnsmith12+stay@gmail.com'),
    });
    const finding = findingOf(result, first)!;
    expect(finding.members).toEqual([first, second]);
    expect(finding.flagged).toBe(true);
    expect(finding.reasons[0]).toBe(
      "2 accounts use one mailbox, johnsmith12@gmail.com, written 2 ways (john.smith12@gmail.com, johnsmith12+stay@gmail.com): one person's accounts",
    );
    // The factor is a setting: at 1 the same pair scores as any two accounts on one mailbox.
    const off = await detectRings({
      groups,
      payments: [],
      accounts: written('John.Smith12@gmail.com', 'johnsmith12+stay@gmail.com'),
      settings: { scoreWeights: { spelledApartFactor: 1 } },
    });
    expect(findingOf(off, first)!.flagged).toBe(false);
    expect(findingOf(off, first)!.score).toBeLessThan(finding.score);
  });

  it('does not flag two accounts that wrote it the same way, or apart only in capitals (a family on one mailbox)', async () => {
    for (const accounts of [written(), written('John.Smith12@gmail.com', 'john.smith12@gmail.com')]) {
      const finding = findingOf(await detectRings({ groups, payments: [], accounts }), first)!;
      expect(finding.flagged).toBe(false);
      expect(finding.reasons.join('\n')).not.toMatch(/written \d ways/);
    }
  });
});

describe('one name in different mailboxes', () => {
  // Two guests, opened five weeks apart, on one card: a second account under a "new" mailbox with the same name is
  // one person's duplicate; a mother and son on the family card carry different first names.
  const [first, second] = names('dup-guest', 2);
  const groups: IdentifierGroup[] = [{ kind: 'payment', key: 'card-77', accounts: [first, second] }];
  const mailboxes = (a: string, b: string) =>
    people([first, second], (i) => ({ createdAt: day(i * 35), emails: [i === 0 ? a : b] }));

  it('flags the pair, with a reason naming both mailboxes, and only while the term counts', async () => {
    const accounts = mailboxes('kgonzalez3504@gmail.com', 'kgonzalezncm@proton.me');
    const finding = findingOf(await detectRings({ groups, payments: [], accounts }), first)!;
    expect(finding.members).toEqual([first, second]);
    expect(finding.flagged).toBe(true);
    expect(finding.reasons).toContain(
      "2 of 2 accounts carry one name in different mailboxes (kgonzalez3504@gmail.com, kgonzalezncm@proton.me): one person's accounts",
    );
    const off = await detectRings({ groups, payments: [], accounts, settings: { scoreWeights: { namePoints: 0 } } });
    expect(findingOf(off, first)!.flagged).toBe(false);
  });

  it('does not flag a family card whose holders have different first names or short names', async () => {
    for (const [a, b] of [
      ['jwright5768@gmail.com', 'mwright81@gmail.com'],
      ['jsmith12@gmail.com', 'jsmith_7@yahoo.com'],
      ['ava.cartwright4@gmail.com', 'oliviathomas51@gmail.com'],
      ['phillips.noah4@yahoo.com', 'phillipsrandy1@gmail.com'],
      ['hernandez.barbara1@aol.com', 'hernandez.katherine1@example.org'],
    ]) {
      // Reported at any score: relatives (`jwright`, `mwright`) may now score below the report threshold.
      const finding = findingOf(
        await detectRings({ groups, payments: [], accounts: mailboxes(a, b), settings: { reportThreshold: 0 } }),
        first,
      )!;
      expect(finding.flagged, `${a} ${b}`).toBe(false);
      expect(finding.reasons.join('\n')).not.toMatch(/one name/);
    }
  });

  it('reads the name at the start of the mailbox, without separators or a +tag', () => {
    expect(mailboxName('John.Smith.77+promo@gmail.com')).toBe('johnsmith');
    expect(mailboxName('palmettotravel+lucasgarcia37@palmettotravel.example')).toBe('palmettotravellucasgarcia');
    // A travel agency books its clients under tags of its own mailbox: different names.
    expect(
      sameNameMembers([
        ['palmettotravel+lucasgarcia37@palmettotravel.example'],
        ['palmettotravel+yolandaallen34@palmettotravel.example'],
      ]).members,
    ).toEqual([]);
    expect(mailboxName('ava.cartwrightp4o@gmail.com')).toBe('avacartwrightp');
    expect(sameNameMembers([['john.smith.77@gmail.com'], ['johnsmith_uk@mail.example'], ['jsmith@x.example']])).toEqual(
      {
        members: [0, 1],
        mailboxes: ['john.smith.77@gmail.com', 'johnsmith_uk@mail.example'],
      },
    );
    // One person on each side of a platform (two declared types) is not a duplicate account; unknown types match.
    const pair = [['kgonzalez3504@gmail.com'], ['kgonzalezncm@proton.me']];
    expect(sameNameMembers(pair, ['host', 'guest']).members).toEqual([]);
    expect(sameNameMembers(pair, ['guest', ' Guest']).members).toEqual([0, 1]);
    expect(sameNameMembers(pair, ['guest', undefined]).members).toEqual([0, 1]);
    // One mailbox both use is a shared identifier, not this term; one member's own two mailboxes match nobody.
    expect(sameNameMembers([['kgonzalez3504@gmail.com'], ['kgonzalez3504@gmail.com']]).members).toEqual([]);
    expect(sameNameMembers([['kgonzalez3504@gmail.com', 'kgonzalezncm@proton.me'], []]).members).toEqual([]);
  });
});

describe('one place written several ways', () => {
  // A family of four: one tablet, one family card, paying each other round and round; each wrote the home address
  // their own way (unit first or last, `Apt` or `#`, with or without the ZIP code and its +4).
  const family = names('family', 4);
  const spellings = [
    '405 Elm Road Apt 9C, Clinton, NJ 08839',
    '405 elm rd. #9c, clinton, nj 08839',
    '405 ELM ROAD APT 9C, CLINTON NJ',
    'apt 9c, 405 elm rd, clinton, nj 08839-1234',
  ];
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'tablet-1', accounts: family },
    { kind: 'payment', key: 'family-card', accounts: family.slice(0, 3) },
  ];
  const payments: PaymentEdge[] = family.flatMap((payer, i) =>
    family.filter((_, j) => j !== i).map((payee) => ({ payer, payee, count: 6, total: 300 })),
  );

  it('reads a household that wrote its address four ways as living together', async () => {
    const home = people(family, (i) => ({ createdAt: day(i * 40), devices: 2, addresses: [spellings[i]!] }));
    const unknown = people(family, (i) => ({ createdAt: day(i * 40), devices: 2 }));
    const together = findingOf(await detectRings({ groups, payments, accounts: home }), family[0]);
    const apart = findingOf(await detectRings({ groups, payments, accounts: unknown }), family[0])!;
    expect(apart.members).toEqual(family);
    expect(apart.flagged).toBe(true);
    expect(together?.flagged ?? false).toBe(false);
  });

  it('does not read eight accounts at one flat as a household: a drop address, however it is written', async () => {
    // Eight accounts opened ten days apart, each with a phone of its own besides the shared laptop; two cards.
    const crew = names('drop', 8);
    const crewGroups: IdentifierGroup[] = [
      { kind: 'device', key: 'laptop-1', accounts: crew },
      { kind: 'payment', key: 'card-1', accounts: crew.slice(0, 4) },
      { kind: 'payment', key: 'card-2', accounts: crew.slice(4) },
    ];
    const accounts = people(crew, (i) => ({
      createdAt: day(i * 10),
      devices: 2,
      addresses: [spellings[i % spellings.length]!],
    }));
    const flat = findingOf(await detectRings({ groups: crewGroups, payments: [], accounts }), crew[0])!;
    expect(flat.members).toEqual(crew);
    expect(flat.flagged).toBe(true);
    // The bound is a setting: raised to ten, the same flat reads as a home and the discount sinks the ring.
    const roomy = findingOf(
      await detectRings({
        groups: crewGroups,
        payments: [],
        accounts,
        settings: { scoreWeights: { coResidentMaxMembers: 10 } },
      }),
      crew[0],
    );
    expect(roomy?.score ?? 0).toBeLessThan(flat.score);
    expect(roomy?.flagged ?? false).toBe(false);
  });
});

describe('one person in two roles', () => {
  // A host who also travels: a host account and, a week later, a guest account on the same handset and number. The
  // platform lets one person hold a host and a guest account (settings.roleTypes); it is a policy, off by default.
  const [host, guest] = ['host-1', 'guest-1'];
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'handset-1', accounts: [host, guest] },
    { kind: 'phone', key: '+17875556049', accounts: [host, guest] },
  ];
  const accounts = (types: [string, string], label: 'unknown' | 'known_fraud' = 'unknown') =>
    people([host, guest], (i) => ({ createdAt: day(i * 7), devices: 1, type: types[i], ...(i === 0 && { label }) }));
  const roleTypes = ['Host', 'guest'];

  it('does not flag a host and a guest account of one person that pay neither way, and says why', async () => {
    // Reported from score 0 up, to read the reason; at the default report threshold (30) it is not listed at all.
    const finding = findingOf(
      await detectRings({
        groups,
        payments: [],
        accounts: accounts(['host', 'guest']),
        settings: { roleTypes, reportThreshold: 0 },
      }),
      host,
    )!;
    expect(finding.members).toEqual([guest, host]);
    expect(finding.flagged).toBe(false);
    expect(finding.reasons).toContain(
      "guest-1 (guest) and host-1 (host) are one person's accounts on two sides of the platform, with no money between them: not a duplicate account (points × 0.2)",
    );
  });

  it('flags the same pair without the policy, as two guests, when they trade, when one is known fraud, or with no discount', async () => {
    const flagged = async (input: Partial<Parameters<typeof detectRings>[0]>) =>
      findingOf(
        await detectRings({
          groups,
          payments: [],
          accounts: accounts(['host', 'guest']),
          settings: { roleTypes },
          ...input,
        }),
        host,
      )?.flagged ?? false;
    // One account per person (the default): a host's guest account is a duplicate like any other.
    expect(await flagged({ settings: {} })).toBe(true);
    expect(await flagged({ accounts: accounts(['guest', 'guest']) })).toBe(true);
    // A role the policy does not list
    expect(await flagged({ accounts: accounts(['host', 'cohost']) })).toBe(true);
    // A driver's own rider account paying it for trips: the two roles trade, which is the collusion.
    expect(await flagged({ payments: [{ payer: guest, payee: host, count: 6, total: 540 }] })).toBe(true);
    expect(await flagged({ accounts: accounts(['host', 'guest'], 'known_fraud') })).toBe(true);
    expect(await flagged({ settings: { roleTypes, scoreWeights: { twoRolesDiscount: 0 } } })).toBe(true);
  });
});

describe('a welcome offer taken twice', () => {
  // A guest and the second account it opened a month later for the new-customer discount: one card, and each
  // account booked one stay with a host that many strangers book.
  const [first, second] = names('welcome-guest', 2);
  const hosts = names('host', 2);
  const strangers = names('stranger', 12);
  const card: IdentifierGroup = { kind: 'payment', key: 'card_welcome', accounts: [first, second] };
  const pay = (payer: string, payee: string, count = 1): PaymentEdge => ({ payer, payee, count, total: 300 * count });
  const others = strangers.map((s, i) => pay(s, hosts[i % 2], 2));
  const accounts = new Map([
    ...people([first, second], (i) => ({ createdAt: day(200 + i * 30), devices: 1 })),
    ...people(hosts),
    ...people(strangers),
  ]);

  it('flags two accounts on one card that each paid exactly once, with a reason naming both', async () => {
    const payments = [pay(first, hosts[0]), pay(second, hosts[1]), ...others];
    const result = await detectRings({ groups: [card], payments, accounts });
    const finding = findingOf(result, first)!;
    expect(finding.members).toEqual([first, second]);
    expect(finding.flagged).toBe(true);
    expect(finding.reasons).toContain(
      "welcome-guest-00 and welcome-guest-01 each paid exactly once: a welcome offer taken twice, one customer's second account",
    );
    const off = await detectRings({
      groups: [card],
      payments,
      accounts,
      settings: { scoreWeights: { welcomePoints: 0 } },
    });
    expect(findingOf(off, first)!.flagged).toBe(false);
    expect(findingOf(off, first)!.score).toBe(finding.score - 10);
  });

  it('does not count a returning customer, and discounts a couple at one home', async () => {
    const returning = await detectRings({
      groups: [card],
      payments: [pay(first, hosts[0], 2), pay(second, hosts[1]), ...others],
      accounts,
    });
    expect(findingOf(returning, first)!.flagged).toBe(false);
    expect(findingOf(returning, first)!.reasons.join('\n')).not.toMatch(/welcome offer/);
    const home: IdentifierGroup[] = [
      card,
      { kind: 'ip', key: '203.0.113.7', accounts: [first, second] },
      { kind: 'address', key: '1 elm st, springfield', accounts: [first, second] },
    ];
    const couple = await detectRings({
      groups: home,
      payments: [pay(first, hosts[0]), pay(second, hosts[1]), ...others],
      accounts,
    });
    expect(findingOf(couple, first)?.flagged ?? false).toBe(false);
    // It is the living-together discount that keeps them out: without it the same couple is flagged.
    const undiscounted = await detectRings({
      groups: home,
      payments: [pay(first, hosts[0]), pay(second, hosts[1]), ...others],
      accounts,
      settings: { scoreWeights: { coResidentDiscount: 0 } },
    });
    expect(findingOf(undiscounted, first)!.flagged).toBe(true);
  });
});
