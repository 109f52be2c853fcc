import { describe, expect, it } from 'vitest';
import { normalizedMutualInformation, withSingletons } from '../../../server/eval/nmi.ts';

const clustering = (labels: Record<string, string | number>) => new Map(Object.entries(labels));

describe('normalizedMutualInformation', () => {
  it('is 1 for the same partition under other names, and symmetric', () => {
    const a = clustering({ p: 1, q: 1, r: 2, s: 2, t: 3 });
    const b = clustering({ p: 'x', q: 'x', r: 'y', s: 'y', t: 'z' });
    expect(normalizedMutualInformation(a, b).nmi).toBeCloseTo(1, 12);
    expect(normalizedMutualInformation(b, a).nmi).toBeCloseTo(1, 12);
  });

  it('is 0 for independent partitions', () => {
    const a = clustering({ p: 1, q: 1, r: 2, s: 2 });
    const b = clustering({ p: 1, q: 2, r: 1, s: 2 });
    expect(normalizedMutualInformation(a, b).nmi).toBeCloseTo(0, 12);
  });

  it('matches scikit-learn on a hand-checked case', () => {
    // sklearn.metrics.normalized_mutual_info_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.5158037429793889
    const a = clustering({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 });
    const b = clustering({ a: 0, b: 0, c: 1, d: 1, e: 2, f: 2 });
    const r = normalizedMutualInformation(a, b);
    expect(r.nmi).toBeCloseTo(0.5158037429793889, 12);
    expect(r).toMatchObject({ items: 6, clustersA: 2, clustersB: 3 });
  });

  it('compares only items both clusterings label, and treats two single clusters as equal', () => {
    const a = clustering({ p: 1, q: 1, extra: 2 });
    const b = clustering({ p: 'x', q: 'x' });
    expect(normalizedMutualInformation(a, b)).toMatchObject({ nmi: 1, items: 2 });
    expect(normalizedMutualInformation(a, new Map()).nmi).toBeNaN();
  });
});

describe('withSingletons', () => {
  it('gives every item outside the groups a cluster of its own', () => {
    const c = withSingletons(['a', 'b', 'c', 'd'], [['a', 'b']]);
    expect(c.get('a')).toBe(c.get('b'));
    expect(new Set(c.values()).size).toBe(3);
  });
});
