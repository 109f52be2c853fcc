import { describe, expect, it } from 'vitest';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { resolveSettings, type DetectionSettingsInput } from '../../../server/detect/settings.ts';
import { reciprocalTransfers } from '../../../server/detect/relays.ts';
import { closingTransfers } from '../../../server/detect/transfer-triangles.ts';
import { mulberry32 } from '../../../server/detect/rng.ts';

function project(groups: IdentifierGroup[], payments: PaymentEdge[], settings: DetectionSettingsInput = {}) {
  const builder = new ProjectionBuilder(resolveSettings(settings));
  groups.forEach((g) => builder.addGroup(g));
  payments.forEach((p) => builder.addPayment(p));
  return builder.build();
}

const pay = (payer: string, payee: string, count = 1): PaymentEdge => ({ payer, payee, count, total: 100 * count });

describe('closingTransfers', () => {
  it('marks both legs of a relay a → x → b between linked a and b, and nothing else', () => {
    // nodes 0, 1 projected and linked; 2 is an outsider; 3 an outsider paid by 0 only
    const ends = Int32Array.from([0, 2, 2, 1, 0, 3]);
    const closes = closingTransfers(ends, 4, 2, (a, b) => (a === 0 && b === 1) || (a === 1 && b === 0));
    expect([...closes]).toEqual([1, 1, 0]);
    // 0 → 2 ← 1: both pay 2, nothing passes through it
    const into = closingTransfers(Int32Array.from([0, 2, 1, 2]), 3, 2, () => true);
    expect([...into]).toEqual([0, 0]);
  });
});

describe('reciprocalTransfers', () => {
  it('marks a transfer exactly when its payee also pays its payer', () => {
    // 0 ⇄ 1, 2 → 0 only, 3 → 3 (a self-payment is its own reverse), 1 → 4 and 4 → 1
    const ends = Int32Array.from([0, 1, 1, 0, 2, 0, 3, 3, 1, 4, 4, 1]);
    expect([...reciprocalTransfers(ends, 5)]).toEqual([1, 1, 0, 1, 1, 1]);
    expect([...reciprocalTransfers(new Int32Array(0), 3)]).toEqual([]);
  });

  it('agrees with a direct search on random transfers (hubs with many payees included)', () => {
    const random = mulberry32(7);
    for (let round = 0; round < 20; round++) {
      const nodes = 2 + Math.floor(random() * 60);
      const count = Math.floor(random() * 400);
      const ends = new Int32Array(count * 2);
      for (let t = 0; t < count; t++) {
        // a quarter of the payments go to or come from node 0 (a hub)
        ends[2 * t] = random() < 0.25 ? 0 : Math.floor(random() * nodes);
        ends[2 * t + 1] = random() < 0.25 ? 0 : Math.floor(random() * nodes);
      }
      const direct = Array.from({ length: count }, (_, t) => {
        for (let u = 0; u < count; u++)
          if (ends[2 * u] === ends[2 * t + 1] && ends[2 * u + 1] === ends[2 * t]) return 1;
        return 0;
      });
      expect([...reciprocalTransfers(ends, nodes)]).toEqual(direct);
    }
  });
});

describe('triangle payment edges', () => {
  const colluders: IdentifierGroup[] = [{ kind: 'device', key: 'shared-phone', accounts: ['c0', 'c2'] }];
  const loop = [pay('c0', 'c1', 2), pay('c1', 'c2'), pay('c2', 'c0')];

  it('brings in a colluder who shares nothing but moves money between two linked accounts', () => {
    const p = project(colluders, [...loop, pay('c1', 'freelancer')]);
    expect(p.indexOf('c1')).toBeGreaterThanOrEqual(0);
    expect(p.edgeEvidence('c0', 'c1').weight).toBeCloseTo(0.5 * Math.log2(3), 12);
    expect(p.edgeEvidence('c1', 'c2').weight).toBeCloseTo(0.5, 12);
    expect(p.indexOf('freelancer')).toBe(-1);
    expect(p.stats).toMatchObject({ payments: 4, paymentsKept: 3, paymentsClosing: 2 });

    const reinforce = project(colluders, loop, { paymentEdges: 'reinforce' });
    expect(reinforce.indexOf('c1')).toBe(-1);
  });

  it('ignores relays between accounts tied only by a crowd-sized IP', () => {
    const cafe = Array.from({ length: 40 }, (_, i) => `cafe-${i}`);
    const p = project(
      [
        { kind: 'ip', key: '203.0.113.1', accounts: cafe },
        { kind: 'device', key: 'tablet', accounts: ['cafe-0', 'home'] },
      ],
      [pay('cafe-0', 'x'), pay('x', 'cafe-1')],
    );
    expect(p.indexOf('x')).toBe(-1);
    expect(p.stats.paymentsClosing).toBe(0);
  });

  it('ignores a family paying the same plumber: money into x from both is no relay', () => {
    const p = project(
      [{ kind: 'device', key: 'tablet', accounts: ['mum', 'dad'] }],
      [pay('mum', 'plumber'), pay('dad', 'plumber', 2)],
    );
    expect(p.indexOf('plumber')).toBe(-1);
  });
});
