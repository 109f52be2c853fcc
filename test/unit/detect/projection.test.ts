import { describe, expect, it } from 'vitest';
import type { IdentifierGroup, PaymentEdge } from '../../../server/detect/input.ts';
import type { Projection } from '../../../server/detect/projection-graph.ts';
import { ProjectionBuilder } from '../../../server/detect/projection.ts';
import { resolveSettings, type DetectionSettingsInput } from '../../../server/detect/settings.ts';

function project(
  groups: IdentifierGroup[],
  settings: DetectionSettingsInput = {},
  payments: PaymentEdge[] = [],
): Projection {
  const builder = new ProjectionBuilder(resolveSettings(settings));
  groups.forEach((group) => builder.addGroup(group));
  payments.forEach((payment) => builder.addPayment(payment));
  return builder.build();
}

describe('ProjectionBuilder', () => {
  it('weights a pair by kind weight / (sharers − 1), summed over shared identifiers', () => {
    const p = project([
      { kind: 'device', key: 'd-1', accounts: ['a', 'b', 'c'] },
      { kind: 'ip', key: 'ip-1', accounts: ['a', 'b'] },
    ]);
    expect(p.order).toBe(3);
    expect(p.size).toBe(3);
    expect(p.edgeEvidence('a', 'b').weight).toBeCloseTo(1 / 2 + 0.15, 12);
    expect(p.edgeEvidence('b', 'c').weight).toBeCloseTo(1 / 2, 12);
    // every account gets kindWeight in total from an identifier, whatever its popularity
    const strength = (id: string): number => {
      const node = p.indexOf(id);
      const { offsets, weights } = p.adjacency;
      return weights.subarray(offsets[node], offsets[node + 1]).reduce((a, b) => a + b, 0);
    };
    expect(strength('c')).toBeCloseTo(1, 12);
  });

  it('keeps the evidence of each edge: which identifiers link the pair', () => {
    const p = project([
      { kind: 'device', key: 'd-91ab', accounts: ['a', 'b', 'c'] },
      { kind: 'payment', key: 'card-7', accounts: ['a', 'b'] },
      { kind: 'email', key: 'solo@example.com', accounts: ['a'] },
    ]);
    const evidence = p.edgeEvidence('b', 'a');
    expect(evidence.identifiers).toEqual([
      { kind: 'device', key: 'd-91ab', sharers: 3 },
      { kind: 'payment', key: 'card-7', sharers: 2 },
    ]);
    expect(p.edgeEvidence('a', 'c').identifiers.map((i) => i.key)).toEqual(['d-91ab']);
    expect(p.edgeEvidence('a', 'nobody')).toEqual({ weight: 0, identifiers: [], transfers: [] });
    expect(p.stats.singletonGroups).toBe(1);
  });

  it('lists a group above maxSharers as a crowd instead of expanding it into a clique', () => {
    const sixty = Array.from({ length: 60 }, (_, i) => `cafe-${i}`);
    const p = project([
      { kind: 'ip', key: '203.0.113.9', accounts: sixty },
      { kind: 'ip', key: 'vpn-exit', accounts: [], sharers: 4200 },
      { kind: 'device', key: 'd-1', accounts: ['cafe-1', 'cafe-2'] },
    ]);
    expect(p.crowds).toEqual([
      { kind: 'ip', key: '203.0.113.9', sharers: 60 },
      { kind: 'ip', key: 'vpn-exit', sharers: 4200 },
    ]);
    expect(p.order).toBe(2);
    expect(p.size).toBe(1);
    expect(p.stats.crowdGroups).toBe(2);
  });

  it('honours a per-kind maxSharers and the source’s sharer count for rarity', () => {
    const five = ['a', 'b', 'c', 'd', 'e'];
    const p = project(
      [
        { kind: 'ip', key: 'office', accounts: five },
        { kind: 'device', key: 'kiosk', accounts: five },
        { kind: 'email', key: 'family@example.com', accounts: ['a', 'b'], sharers: 5 },
      ],
      { maxSharersByKind: { ip: 4 } },
    );
    expect(p.crowds.map((c) => c.key)).toEqual(['office']);
    expect(p.edgeEvidence('a', 'b').weight).toBeCloseTo(1 / 4 + 0.7 / 4, 12);
  });

  it('adds transfers as weight only between already linked accounts in reinforce mode', () => {
    const groups: IdentifierGroup[] = [{ kind: 'device', key: 'd-1', accounts: ['a', 'b'] }];
    const payments: PaymentEdge[] = [
      { payer: 'a', payee: 'b', count: 3, total: 300 },
      { payer: 'b', payee: 'a', count: 1, total: 50 },
      { payer: 'a', payee: 'stranger', count: 1, total: 20 },
    ];
    const reinforce = project(groups, { paymentEdges: 'reinforce' }, payments);
    expect(reinforce.order).toBe(2);
    expect(reinforce.edgeEvidence('a', 'b').weight).toBeCloseTo(1 + 0.5 * Math.log2(4) + 0.5 * Math.log2(2), 12);
    expect(reinforce.edgeEvidence('a', 'b').transfers).toEqual(payments.slice(0, 2));
    expect(reinforce.stats).toMatchObject({ payments: 3, paymentsKept: 2, paymentsWeighted: 2 });

    const link = project(groups, { paymentEdges: 'link' }, payments);
    expect(link.order).toBe(3);
    expect(link.edgeEvidence('a', 'stranger').weight).toBeCloseTo(0.5, 12);
  });

  it('exports the same weighted graph to graphology', () => {
    const p = project([
      { kind: 'device', key: 'd-1', accounts: ['a', 'b', 'c'] },
      { kind: 'address', key: 'addr-1', accounts: ['c', 'd'] },
    ]);
    const graph = p.toGraph();
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(4);
    expect(graph.getEdgeAttribute(graph.edge('c', 'd'), 'weight')).toBeCloseTo(0.4, 12);
  });

  it('refuses identifier groups after the first payment', () => {
    const builder = new ProjectionBuilder(resolveSettings());
    builder.addPayment({ payer: 'a', payee: 'b', count: 1, total: 1 });
    expect(() => builder.addGroup({ kind: 'ip', key: 'x', accounts: ['a', 'b'] })).toThrow(/add every group first/);
  });
});
