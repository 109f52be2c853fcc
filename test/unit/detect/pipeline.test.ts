import { describe, expect, it } from 'vitest';
import type { AccountInfo, IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings, type DetectPhase, type DetectRingsResult } from '../../../server/detect/pipeline.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';

const DAY = 86_400_000;
const day = (n: number): string => new Date(Date.UTC(2025, 2, 1) + n * DAY).toISOString();
const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

const farm = names('farm', 4);
const households = [3, 4, 5].map((size, h) => names(`home${h}`, size));
const cafe = names('cafe', 60);

function marketplace(): { groups: IdentifierGroup[]; payments: PaymentEdge[]; accounts: Map<string, AccountInfo> } {
  const groups: IdentifierGroup[] = [
    { kind: 'device', key: 'emulator-a', accounts: farm },
    { kind: 'device', key: 'emulator-b', accounts: farm },
    { kind: 'payment', key: 'card-4411', accounts: farm },
    { kind: 'ip', key: '203.0.113.50', accounts: cafe },
  ];
  households.forEach((members, h) => {
    groups.push({ kind: 'ip', key: `home-ip-${h}`, accounts: members });
    groups.push({ kind: 'address', key: `${h + 1} birch street, northvale`, accounts: members });
    groups.push({ kind: 'device', key: `family-tablet-${h}`, accounts: members });
  });
  const payments: PaymentEdge[] = [
    { payer: 'farm-1', payee: 'farm-2', count: 3, total: 900 },
    { payer: 'farm-2', payee: 'farm-1', count: 1, total: 300 },
    { payer: 'cafe-1', payee: 'cafe-2', count: 1, total: 12 },
  ];
  const accounts = new Map<string, AccountInfo>();
  farm.forEach((id, i) => accounts.set(id, { id, label: i === 0 ? 'known_fraud' : 'unknown', createdAt: day(i / 3) }));
  households.flat().forEach((id, i) => accounts.set(id, { id, label: 'legit', createdAt: day(i) }));
  return { groups, payments, accounts };
}

function stable(result: DetectRingsResult): unknown {
  const { timings: _timings, ...rest } = result;
  return rest;
}

describe('detectRings', () => {
  it('flags the device farm, not the households, and never turns a crowd into a ring', async () => {
    const { groups, payments, accounts } = marketplace();
    const result = await detectRings({ groups, payments, accounts });
    const flagged = result.rings.filter((r) => r.flagged);
    expect(flagged.map((r) => r.members)).toEqual([farm]);
    expect(flagged[0].reasons).toEqual(
      expect.arrayContaining([
        '2 devices are shared across 4 accounts (emulator-a, emulator-b)',
        '4 accounts use card card-4411',
        '1 member is known fraud',
        '4 payments circulate inside the ring (2 payer→payee pairs, total 1200)',
      ]),
    );
    for (const household of households) {
      const ring = result.rings.find((r) => r.members.includes(household[0]));
      expect(ring?.flagged ?? false).toBe(false);
    }
    expect(result.rings.some((r) => r.members.some((m) => m.startsWith('cafe')))).toBe(false);
    expect(result.crowds).toEqual([{ kind: 'ip', key: '203.0.113.50', sharers: 60 }]);
    expect(result.counts).toMatchObject({ crowdGroups: 1, accounts: 4 + 12, candidates: 4, flagged: 1 });
    expect(result.modularity).toBeGreaterThan(0.5);
    expect(Object.keys(result.timings)).toEqual(['project', 'communities', 'lookup', 'score', 'match', 'total']);
  });

  it('streams async input, looks accounts up in two batches at most and reports progress', async () => {
    const { groups, payments, accounts } = marketplace();
    async function* stream<T>(items: T[]): AsyncGenerator<T> {
      for (const item of items) yield item;
    }
    const lookups: string[][] = [];
    const phases = new Set<DetectPhase>();
    const result = await detectRings({
      groups: stream(groups),
      payments: stream(payments),
      accounts: async (ids) => {
        lookups.push([...ids]);
        return ids.flatMap((id) => accounts.get(id) ?? []);
      },
      onProgress: (phase) => phases.add(phase),
    });
    // first the sharers of devices used by 4+ accounts (the generic test), then the rest of the parts with findings
    expect(lookups).toHaveLength(2);
    expect(lookups[0]).toEqual([...farm, ...households[1], ...households[2]].sort());
    expect(new Set(lookups[1])).toEqual(new Set(households[0]));
    expect(result.rings.filter((r) => r.flagged).map((r) => r.members)).toEqual([farm]);
    expect([...phases]).toEqual(['project', 'payments', 'communities', 'score', 'match']);
  });

  it('keeps ring ids across runs when a member joins, and reports the change', async () => {
    const { groups, payments, accounts } = marketplace();
    const first = await detectRings({ groups, payments, accounts });
    const farmRing = first.rings.find((r) => r.flagged)!;
    expect(farmRing.status).toBe('new');

    accounts.set('farm-5', { id: 'farm-5', label: 'unknown', createdAt: day(1) });
    const grown = groups.map((g) => (g.key === 'emulator-a' ? { ...g, accounts: [...g.accounts, 'farm-5'] } : g));
    const second = await detectRings({
      groups: grown,
      payments,
      accounts,
      previousRings: first.rings.map((r) => ({ id: r.id, members: r.members })),
    });
    const again = second.rings.find((r) => r.members.includes('farm-1'))!;
    expect(again.id).toBe(farmRing.id);
    expect(again.status).toBe('grown');
    const change = second.diff.rings[second.rings.indexOf(again)];
    expect(change).toMatchObject({ id: farmRing.id, joined: ['farm-5'], left: [] });
  });

  it('gives the same rings for the same seed, whatever order the groups arrive in', async () => {
    const { groups, payments, accounts } = marketplace();
    const rng = mulberry32(99);
    const shuffled = groups
      .map((g) => ({ g: { ...g, accounts: [...g.accounts].reverse() }, r: rng() }))
      .sort((a, b) => a.r - b.r)
      .map(({ g }) => g);
    const first = await detectRings({ groups, payments, accounts, settings: { seed: 7 } });
    const second = await detectRings({ groups, payments, accounts, settings: { seed: 7 } });
    const reordered = await detectRings({ groups: shuffled, payments, accounts, settings: { seed: 7 } });
    expect(stable(second)).toEqual(stable(first));
    expect(reordered.rings.map((r) => [r.id, r.members, r.score])).toEqual(
      first.rings.map((r) => [r.id, r.members, r.score]),
    );
  });

  it('rejects bad settings with the field name', async () => {
    await expect(detectRings({ groups: [], accounts: new Map(), settings: { minRingSize: 1 } })).rejects.toThrow(
      /"minRingSize"/,
    );
  });
});
