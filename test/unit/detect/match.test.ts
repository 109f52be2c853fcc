import { describe, expect, it } from 'vitest';
import { matchRings, ringIdFor, type PreviousRing } from '../../../server/detect/match.ts';

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const options = { threshold: 0.5 };

describe('matchRings', () => {
  it('keeps the id of an unchanged ring, and of one a member joined or left', () => {
    const previous: PreviousRing[] = [
      { id: 'ring-a', members: range('a', 4) },
      { id: 'ring-b', members: range('b', 5) },
      { id: 'ring-c', members: range('c', 6) },
    ];
    const diff = matchRings(previous, [[...range('a', 4), 'newcomer'], range('b', 5), range('c', 5)], options);
    expect(diff.rings).toEqual([
      { id: 'ring-a', status: 'grown', jaccard: 0.8, joined: ['newcomer'], left: [] },
      { id: 'ring-b', status: 'unchanged', jaccard: 1, joined: [], left: [] },
      { id: 'ring-c', status: 'shrunk', jaccard: 5 / 6, joined: [], left: ['c5'] },
    ]);
    expect(diff.counts).toMatchObject({ grown: 1, unchanged: 1, shrunk: 1, new: 0, dissolved: 0 });
  });

  it('gives a ring that matches nothing a deterministic new id', () => {
    const diff = matchRings([{ id: 'ring-old', members: range('x', 4) }], [['q2', 'q1', 'q3']], options);
    expect(diff.rings[0]).toEqual({
      id: ringIdFor(['q1', 'q2', 'q3']),
      status: 'new',
      joined: ['q1', 'q2', 'q3'],
      left: [],
    });
    expect(ringIdFor(['q3', 'q1', 'q2'])).toBe(ringIdFor(['q1', 'q2', 'q3']));
    expect(ringIdFor(['q1', 'q2', 'q3'])).toMatch(/^ring-[0-9a-f]{12}$/);
    expect(diff.dissolved).toEqual([{ id: 'ring-old', members: range('x', 4) }]);
  });

  it('needs the Jaccard threshold to keep an id', () => {
    const previous = [{ id: 'ring-a', members: range('a', 6) }];
    const kept = matchRings(previous, [[...range('a', 3), 'z1', 'z2']], { threshold: 0.3 });
    const lost = matchRings(previous, [[...range('a', 3), 'z1', 'z2']], { threshold: 0.5 });
    expect(kept.rings[0]).toMatchObject({ id: 'ring-a', status: 'changed', joined: ['z1', 'z2'] });
    expect(lost.rings[0].status).toBe('new');
  });

  it('matches one to one, best Jaccard first', () => {
    const previous = [{ id: 'ring-a', members: range('a', 6) }];
    const diff = matchRings(previous, [range('a', 4), range('a', 6).slice(1)], options);
    expect(diff.rings.map((r) => r.id)).toEqual([ringIdFor(range('a', 4)), 'ring-a']);
  });

  it('classifies a merge of two previous rings', () => {
    const previous = [
      { id: 'ring-b', members: range('b', 4) },
      { id: 'ring-a', members: range('a', 4) },
    ];
    const diff = matchRings(previous, [[...range('a', 4), ...range('b', 4)]], options);
    expect(diff.rings[0]).toMatchObject({ id: 'ring-a', status: 'grown', mergedFrom: ['ring-a', 'ring-b'] });
    expect(diff.merged).toEqual([{ id: 'ring-a', mergedFrom: ['ring-a', 'ring-b'] }]);
    expect(diff.dissolved).toEqual([]);
    expect(diff.counts).toMatchObject({ merged: 1, dissolved: 0 });
  });

  it('classifies a split of a previous ring', () => {
    const previous = [{ id: 'ring-big', members: range('m', 8) }];
    const left = range('m', 8).slice(0, 5);
    const right = [...range('m', 8).slice(5), 'stranger'];
    const diff = matchRings(previous, [left, right], options);
    expect(diff.rings[0]).toMatchObject({ id: 'ring-big', status: 'shrunk', left: ['m5', 'm6', 'm7'] });
    expect(diff.rings[1]).toMatchObject({ id: ringIdFor(right), status: 'new', splitFrom: 'ring-big' });
    expect(diff.split).toEqual([{ previousId: 'ring-big', splitInto: ['ring-big', ringIdFor(right)].sort() }]);
    expect(diff.dissolved).toEqual([]);
  });

  it('never hands out an id twice', () => {
    const diff = matchRings([{ id: 'ring-x', members: ['p', 'q', 'r'] }], [range('a', 3), range('b', 3)], {
      threshold: 0.5,
      newId: () => 'ring-x',
    });
    expect(diff.rings.map((r) => r.id)).toEqual(['ring-x-2', 'ring-x-3']);
  });
});
