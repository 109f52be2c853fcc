import { describe, expect, it } from 'vitest';
import { countByKind, kindOf, reasonPointsOf, scoreBreakdown } from '../../../server/rings/findings.ts';
import { RingIdParam, RingListQuery } from '../../../contracts/rings.ts';

describe('findings: rings and duplicate-account pairs', () => {
  it('a finding without a kind (detection before pairs) is a ring', () => {
    expect([kindOf({ kind: 'pair' }), kindOf({ kind: 'ring' }), kindOf({}), kindOf(null)]).toEqual([
      'pair',
      'ring',
      'ring',
      'ring',
    ]);
  });

  it('the score breakdown pairs each reason with its points, and is unknown when the points do not line up', () => {
    expect(scoreBreakdown(['a', 'b'], [40, 12.5])).toEqual([
      { reason: 'a', points: 40 },
      { reason: 'b', points: 12.5 },
    ]);
    expect(scoreBreakdown(['a', 'b'], null)).toBeNull();
    expect(scoreBreakdown(['a', 'b'], [40])).toBeNull();
    expect(scoreBreakdown(['a'], [Number.NaN])).toBeNull();
    expect(reasonPointsOf({ reasons: ['a'] })).toBeNull();
  });

  it('counts reported and flagged findings per kind', () => {
    expect(
      countByKind([
        { kind: 'pair', flagged: true },
        { kind: 'pair', flagged: false },
        { flagged: true },
        { kind: 'ring', flagged: false },
      ]),
    ).toEqual({ ring: { reported: 2, flagged: 1 }, pair: { reported: 2, flagged: 1 } });
  });

  it('the API takes pair ids where it takes ring ids, and a kind filter for the queue', () => {
    expect(RingIdParam.safeParse({ id: 'pair-0123456789ab' }).success).toBe(true);
    expect(RingIdParam.safeParse({ id: 'ring-0123456789ab' }).success).toBe(true);
    expect(RingIdParam.safeParse({ id: 'triple-0123456789ab' }).success).toBe(false);
    expect(RingListQuery.parse({ kind: 'pair' }).kind).toBe('pair');
    expect(RingListQuery.parse({}).kind).toBeUndefined();
    expect(RingListQuery.safeParse({ kind: 'both' }).success).toBe(false);
  });
});
