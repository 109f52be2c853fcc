import { describe, expect, it } from 'vitest';
import { crossedTransfers } from '../../../server/detect/crossed-transfers.ts';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { detectRings } from '../../../server/detect/pipeline.ts';
import { DEFAULT_SETTINGS } from '../../../server/detect/settings.ts';
import { day, findingOf, names, people } from './hand-made.ts';

// Two drivers, each with a rider account on the driver's own phone at the driver's own address, book each other's
// rides through those rider accounts: each side pays the other side's driver again and again. The two sides share
// nothing; only the money joins them. Twelve ordinary riders pay the drivers now and then.
const drivers = ['driver-a', 'driver-b'];
const alts = ['rider-a', 'rider-b'];
const riders = names('rider', 12);
const groups: IdentifierGroup[] = [
  { kind: 'device', key: 'phone-a', accounts: ['driver-a', 'rider-a'] },
  { kind: 'device', key: 'phone-b', accounts: ['driver-b', 'rider-b'] },
  { kind: 'address', key: '1 first street', accounts: ['driver-a', 'rider-a'] },
  { kind: 'address', key: '2 second street', accounts: ['driver-b', 'rider-b'] },
];
const pay = (payer: string, payee: string, count: number): PaymentEdge => ({ payer, payee, count, total: 15 * count });
const ordinary = riders.map((r, i) => pay(r, drivers[i % 2], 1 + (i % 2)));
const accounts = new Map([
  ...people(drivers, (i) => ({ createdAt: day(10 + i * 3), type: 'driver', devices: 1 })),
  ...people(alts, (i) => ({ createdAt: day(200 + i * 4), type: 'rider', devices: 1 })),
  ...people(riders, (i) => ({ createdAt: day(i * 25), type: 'rider' })),
]);

describe('money crossing between two tied pairs (self-dealing through second accounts)', () => {
  it('marks both legs when each side pays the other side repeatedly, and nothing else', () => {
    // Nodes 0–3 projected: 0 driver-a, 1 rider-a, 2 driver-b, 3 rider-b; 4 and 5 riders outside the projection.
    const tie = new Set(['0,1', '1,0', '2,3', '3,2']);
    const tied = (a: number, b: number) => tie.has(`${a},${b}`);
    const neighbours = (a: number) => [...tie].filter((k) => k.startsWith(`${a},`)).map((k) => Number(k.split(',')[1]));
    const legs = (ends: number[], counts: number[], min = 5, household = tied) => [
      ...crossedTransfers(Int32Array.from(ends), counts, 6, 4, min, tied, neighbours, household),
    ];
    // rider-a → driver-b ×8, rider-b → driver-a ×6, a rider outside → driver-a ×9, rider-a → driver-a ×7.
    expect(legs([1, 2, 3, 0, 4, 0, 1, 0], [8, 6, 9, 7])).toEqual([1, 1, 0, 0]);
    // One way only, or the other way under the minimum, or the rule off: no crossing.
    expect(legs([1, 2, 4, 0], [8, 6])).toEqual([0, 0]);
    expect(legs([1, 2, 3, 0], [8, 4])).toEqual([0, 0]);
    expect(legs([1, 2, 3, 0], [8, 6], 0)).toEqual([0, 0]);
    // Money between accounts that share anything at all is household money, not a crossing.
    expect(legs([1, 2, 3, 0], [8, 6], 5, () => true)).toEqual([0, 0]);
  });

  it('makes the two sides one finding, with a reason naming both legs that living together does not discount', async () => {
    const payments = [pay('rider-a', 'driver-b', 8), pay('rider-b', 'driver-a', 6), ...ordinary];
    const result = await detectRings({ groups, payments, accounts });
    const ring = findingOf(result, 'driver-a')!;
    expect(ring.members).toEqual(['driver-a', 'driver-b', 'rider-a', 'rider-b']);
    const reason = ring.reasons.indexOf(
      'Money crosses between two sides that each share identifiers: rider-a paid driver-b 8 times, and rider-b (tied to driver-b) paid driver-a (tied to rider-a) 6 times',
    );
    expect(reason).toBeGreaterThanOrEqual(0);
    // Each side lives together (one address), which discounts the money inside a home; money between homes it does not.
    expect(ring.reasonPoints[reason]).toBe(DEFAULT_SETTINGS.scoreWeights.cyclePoints);
    // Two couples and that money alone stay under the alert threshold: it takes more (an operator's devices, a burst).
    expect(ring.flagged).toBe(false);
    expect(result.counts.paymentsCrossed).toBe(2);
    // Off, the same money joins nobody.
    const off = await detectRings({ groups, payments, accounts, settings: { crossMinPayments: 0 } });
    expect(findingOf(off, 'driver-a')?.members ?? []).not.toContain('driver-b');
    expect(off.counts.paymentsCrossed).toBe(0);
  });

  it('leaves alone two households that pay each other now and then, or one way only', async () => {
    for (const payments of [
      [pay('rider-a', 'driver-b', 2), pay('rider-b', 'driver-a', 3), ...ordinary],
      [pay('rider-a', 'driver-b', 8), pay('rider-a', 'driver-a', 6), ...ordinary],
    ]) {
      const result = await detectRings({ groups, payments, accounts });
      expect(result.counts.paymentsCrossed).toBe(0);
      expect(findingOf(result, 'driver-a')?.members ?? []).not.toContain('driver-b');
    }
  });
});
