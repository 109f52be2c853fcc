import { describe, expect, it } from 'vitest';
import type { AccountInfo, IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { RingScorer, scoreFromPoints, type RingAssessment } from '../../../server/detect/score.ts';
import { resolveSettings, type DetectionSettingsInput } from '../../../server/detect/settings.ts';

const DAY = 86_400_000;
const day = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * DAY).toISOString();

interface Case {
  groups: IdentifierGroup[];
  payments?: PaymentEdge[];
  accounts?: AccountInfo[];
  settings?: DetectionSettingsInput;
}

function assess(members: string[], { groups, payments = [], accounts = [], settings = {} }: Case): RingAssessment {
  const resolved = resolveSettings(settings);
  const builder = new ProjectionBuilder(resolved);
  groups.forEach((g) => builder.addGroup(g));
  payments.forEach((p) => builder.addPayment(p));
  const projection = builder.build();
  const scorer = new RingScorer(projection, resolved);
  return scorer.assess(
    members.map((id) => projection.indexOf(id)),
    new Map(accounts.map((a) => [a.id, a])),
  );
}

describe('RingScorer', () => {
  it.each([3, 4, 5])('does not flag a household of %i sharing its address, home IP and tablet', (size) => {
    const family = Array.from({ length: size }, (_, i) => `family-${i}`);
    const result = assess(family, {
      groups: [
        { kind: 'ip', key: '198.51.100.7', accounts: family },
        { kind: 'device', key: 'living-room-tablet', accounts: family },
      ],
      // worst case: the whole family signed up in the same week; one of them wrote the address differently
      accounts: family.map((id, i) => ({
        id,
        label: 'unknown',
        createdAt: day(i),
        addresses: [i === 0 ? '12 birch street, northvale' : '12 Birch St., Northvale'],
      })),
    });
    expect(result.flagged).toBe(false);
    expect(result.score).toBeLessThan(resolveSettings().alertThreshold);
    expect(result.reasons).toContain(`${size} accounts share device living-room-tablet`);
  });

  it('flags three accounts on one device opened within days that do not live together (a controller)', () => {
    const three = ['k1', 'k2', 'k3'];
    const result = assess(three, {
      groups: [{ kind: 'device', key: 'controller-laptop', accounts: three }],
      accounts: three.map((id, i) => ({ id, label: 'unknown', createdAt: day(i), devices: 1 })),
    });
    // device 30 · 1.25 = 37.5 (just past the soft cap's knee, 35), burst 20, proximity 10, three members on no device
    // of their own 3 · 5 = 15 (past the knee 10 of the cap 20)
    expect(result.features.scoreBreakdown).toMatchObject({ burst: 20, proximity: 10 });
    expect(result.features.scoreBreakdown.identifiers).toBeCloseTo(70 - 35 * Math.exp(-2.5 / 35), 2);
    expect(result.features.scoreBreakdown.operated).toBeCloseTo(20 - 10 * Math.exp(-0.5), 2);
    expect(result.flagged).toBe(true);
    expect(result.reasons).toContain('3 of 3 accounts use no device but the ones they share (k1, k2, k3)');
  });

  it('flags a four-account device farm', () => {
    const farm = ['f1', 'f2', 'f3', 'f4'];
    const result = assess(farm, {
      groups: [
        { kind: 'device', key: 'emulator-1', accounts: farm },
        { kind: 'device', key: 'emulator-2', accounts: farm },
        { kind: 'payment', key: 'card-4411', accounts: farm },
        { kind: 'ip', key: 'proxy-9', accounts: farm },
      ],
      accounts: farm.map((id, i) => ({ id, label: 'unknown', createdAt: day(i / 2) })),
    });
    expect(result.flagged).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(resolveSettings().alertThreshold);
    // each device and the card are used by 4 accounts: crowding factor 1 + 0.25 · (4 − 2) = 1.5; the raw
    // identifier points 45 + 45 + 60 + 2 pass the soft cap's knee (35) and approach the cap (70)
    const raw = 45 + 45 + 60 + 2;
    expect(result.features.scoreBreakdown).toMatchObject({
      identifiers: Number((70 - 35 * Math.exp(-(raw - 35) / 35)).toFixed(2)),
      knownFraud: 0,
      burst: 20,
      proximity: 10,
      payments: 0,
      cycle: 0,
      size: 2,
    });
    expect(result.features.points).toBeCloseTo(
      result.reasonPoints.reduce((a, b) => a + b, 0),
      6,
    );
    expect(result.score).toBe(Math.round(scoreFromPoints(result.features.points) * 10) / 10);
    expect(result.score).toBeLessThan(100);
  });

  it('flags many accounts crowding one device, but not a family on its tablet', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `f${i}`);
    const result = assess(eight, {
      groups: [
        { kind: 'device', key: 'emulator-7', accounts: eight },
        { kind: 'ip', key: 'proxy-3', accounts: eight },
      ],
      accounts: eight.map((id, i) => ({ id, label: 'unknown', createdAt: day(i / 4) })),
    });
    // 1 + 0.25 · (8 − 2) = 2.5 devices' worth; IPs never crowd
    expect(result.features.sharedIdentifiers.map((s) => s.points)).toEqual([75, 2]);
    expect(result.features.scoreBreakdown).toMatchObject({ burst: 20, proximity: 10 });
    expect(result.features.scoreBreakdown.size).toBeCloseTo(10 - 5 * Math.exp(-1), 2);
    expect(result.flagged).toBe(true);
  });

  it('flags three accounts opened within days on one mailbox and one phone number', () => {
    const three = ['i1', 'i2', 'i3'];
    const result = assess(three, {
      groups: [
        { kind: 'email', key: 'kara.x1@gmail.com', accounts: three },
        { kind: 'phone', key: '+12125550143', accounts: three },
      ],
      accounts: three.map((id, i) => ({ id, label: 'unknown', createdAt: day(i * 2) })),
    });
    // 2 · 25 · 1.25 = 62.5 identifier points (soft cap: 35 + 35 · (1 − e^(−27.5/35))), burst 20, proximity 10
    expect(result.features.scoreBreakdown.identifiers).toBeCloseTo(70 - 35 * Math.exp(-27.5 / 35), 2);
    expect(result.features.scoreBreakdown).toMatchObject({ burst: 20, proximity: 10 });
    expect(result.flagged).toBe(true);
  });

  it('flags three colluders paying each other round a loop, and says so', () => {
    const three = ['c1', 'c2', 'c3'];
    const result = assess(three, {
      groups: [{ kind: 'device', key: 'shared-phone', accounts: ['c1', 'c3'] }],
      payments: [
        { payer: 'c1', payee: 'c2', count: 2, total: 800 },
        { payer: 'c2', payee: 'c3', count: 1, total: 500 },
        { payer: 'c3', payee: 'c1', count: 1, total: 450 },
      ],
      accounts: three.map((id, i) => ({ id, label: 'unknown', createdAt: day(i * 3) })),
    });
    expect(result.features.paymentCycle).toEqual(['c1', 'c2', 'c3']);
    expect(result.reasons).toContain('Money goes round a loop of 3 members (c1 → c2 → c3 → c1)');
    expect(result.features.scoreBreakdown).toMatchObject({ identifiers: 30, cycle: 15, burst: 20, proximity: 10 });
    // 3 payer→payee pairs · 5 = 15, past the soft cap's knee (10): 20 − 10 · e^(−0.5)
    expect(result.features.scoreBreakdown.payments).toBeCloseTo(20 - 10 * Math.exp(-0.5), 2);
    expect(result.flagged).toBe(true);
  });

  it('explains the score with sentences naming identifiers and numbers', () => {
    const ring = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const result = assess(ring, {
      groups: [
        { kind: 'device', key: 'd-91ab', accounts: ring },
        { kind: 'payment', key: 'p-1', accounts: ['m1', 'm2'] },
        { kind: 'payment', key: 'p-2', accounts: ['m2', 'm3', 'm4'] },
        { kind: 'payment', key: 'p-3', accounts: ['m4', 'm5'] },
      ],
      payments: [
        { payer: 'm1', payee: 'm2', count: 2, total: 400 },
        { payer: 'm2', payee: 'm3', count: 1, total: 150 },
        { payer: 'm3', payee: 'm1', count: 1, total: 120.5 },
        { payer: 'm1', payee: 'outsider', count: 9, total: 999 },
      ],
      accounts: [
        { id: 'm1', label: 'known_fraud', createdAt: day(0) },
        { id: 'm2', label: 'unknown', createdAt: day(1) },
        { id: 'm3', label: 'unknown', createdAt: day(2) },
        { id: 'm4', label: 'unknown', createdAt: day(2.5) },
        { id: 'm5', label: 'legit', createdAt: day(3) },
        { id: 'm6', label: 'known_fraud', createdAt: day(-400) },
      ],
    });
    expect(result.reasons).toEqual(
      expect.arrayContaining([
        '6 accounts share device d-91ab',
        '3 cards are used across 5 accounts (p-2, p-1, p-3)',
        '2 members are known fraud',
        '5 accounts were created within 3 days',
        '4 payments circulate inside the ring (3 payer→payee pairs, total 670.50)',
      ]),
    );
    expect(result.features).toMatchObject({
      size: 6,
      knownFraud: 2,
      legit: 1,
      burst: { members: 5, days: 3 },
      internalPayments: { pairs: 3, count: 4, total: 670.5 },
      byKind: { device: { identifiers: 1, members: 6 }, payment: { identifiers: 3, members: 5 } },
      density: 1,
    });
    expect(result.features.creationSpreadDays).toBeCloseTo(403, 9);
    // no wall at 100: the score approaches it as the points grow
    expect(result.score).toBeGreaterThan(90);
    expect(result.score).toBeLessThan(100);
    expect(result.reasonPoints).toHaveLength(result.reasons.length);
    expect(result.evidence).toContainEqual({ a: 'm1', b: 'm6', kind: 'device', key: 'd-91ab' });
    expect(result.evidence).toContainEqual({ a: 'm2', b: 'm4', kind: 'payment', key: 'p-2' });
    expect(result.evidence).toContainEqual({
      a: 'm3',
      b: 'm1',
      kind: 'transfer',
      key: 'm3->m1',
      count: 1,
      total: 120.5,
    });
    expect(result.evidence).toHaveLength(5 + 2 + 1 + 1 + 3);
    expect(result.evidenceTruncated).toBe(false);
  });

  it('discounts identifiers that outsiders use as well', () => {
    const ring = ['r1', 'r2', 'r3', 'r4'];
    const outsiders = Array.from({ length: 36 }, (_, i) => `o${i}`);
    const result = assess(ring, { groups: [{ kind: 'ip', key: '192.0.2.1', accounts: [...ring, ...outsiders] }] });
    // reasons come most points first: 0.2 points for the IP, 2 for the size
    expect(result.reasons).toEqual([
      'The ring links 4 accounts',
      '4 accounts share IP 192.0.2.1 (also used by 36 accounts outside the ring)',
    ]);
    expect(result.features.scoreBreakdown.identifiers).toBeCloseTo(2 * (4 / 40), 12);
    expect(result.features.exclusivity).toBeCloseTo(0.1, 12);
  });

  it('caps the evidence of a huge ring and says so', () => {
    const ring = Array.from({ length: 40 }, (_, i) => `a${String(i).padStart(2, '0')}`);
    const result = assess(ring, {
      groups: [{ kind: 'device', key: 'farm-phone', accounts: ring }],
      settings: { maxEvidencePerRing: 10 },
    });
    expect(result.evidence).toHaveLength(10);
    expect(result.evidenceTruncated).toBe(true);
    expect(result.evidence.every((e) => e.a === 'a00' && e.key === 'farm-phone')).toBe(true);
  });
});

describe('several households in one finding', () => {
  // Three families, each at its own address on its own family card and tablet, paying each other now and then
  // (friends settling up across town): the finding holds three households' own identifiers, none shared between them.
  const families = ['ames', 'brook', 'croft'].map((name) => [0, 1, 2].map((i) => `${name}-${i}`));
  const groups: IdentifierGroup[] = families.flatMap((ids) => [
    { kind: 'address', key: `${ids[0]} street`, accounts: ids },
    { kind: 'payment', key: `${ids[0]}-card`, accounts: ids },
    { kind: 'device', key: `${ids[0]}-tablet`, accounts: ids.slice(0, 2) },
  ]);
  const payments: PaymentEdge[] = [
    { payer: 'ames-0', payee: 'brook-0', count: 4, total: 200 },
    { payer: 'brook-0', payee: 'croft-0', count: 4, total: 200 },
    { payer: 'croft-0', payee: 'ames-1', count: 4, total: 200 },
  ];
  const accounts = families.flatMap((ids, f) =>
    ids.map((id, i) => ({ id, label: 'unknown' as const, createdAt: day(f * 200 + i * 60), devices: 2 })),
  );
  const all = families.flat();
  const identifierPoints = (a: RingAssessment) => a.features.scoreBreakdown.identifiers;

  it('counts the identifiers of one household only: three families on their own cards are no more than one', () => {
    const one = assess(families[0]!, { groups, payments, accounts });
    const old = assess(all, { groups, payments, accounts, settings: { scoreWeights: { otherHouseholdsFactor: 1 } } });
    const now = assess(all, { groups, payments, accounts });
    // (The identifier points are soft-capped, so three households' are less than three times one's.)
    expect(identifierPoints(old)).toBeGreaterThan(2 * identifierPoints(one));
    expect(identifierPoints(now)).toBeCloseTo(identifierPoints(one), 6);
    expect(now.score).toBeLessThan(old.score);
    // The reasons still name every card; only the points change.
    expect(now.reasons.join('\n')).toMatch(/3 cards are used across 9 accounts/);
  });

  it('keeps an identifier that reaches from one household into another in full', () => {
    const shared = [...groups, { kind: 'device' as const, key: 'burner', accounts: ['ames-2', 'brook-2'] }];
    const without = assess(all, { groups, payments, accounts });
    const with_ = assess(all, { groups: shared, payments, accounts });
    expect(identifierPoints(with_)).toBeGreaterThan(identifierPoints(without) + 5);
  });
});
