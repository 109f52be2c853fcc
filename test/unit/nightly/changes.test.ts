import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../../server/nightly/changes.ts';

const ids = (prefix: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

describe('compareWithBaseline', () => {
  it('classifies new, grown, shrunk, changed and unchanged rings against the baseline, keeping stored ids', () => {
    const baseline = [
      { id: 'ring-a', members: ids('a', 4) },
      { id: 'ring-b', members: ids('b', 4) },
      { id: 'ring-c', members: ids('c', 5) },
      { id: 'ring-d', members: ids('d', 3) },
    ];
    const current = [
      { id: 'ring-a', members: ids('a', 6) }, // grown by a5, a6
      { id: 'ring-b', members: ids('b', 3) }, // shrunk: b4 left
      { id: 'ring-c', members: [...ids('c', 4), 'x1'] }, // c5 left, x1 joined
      { id: 'ring-d', members: ids('d', 3) },
      { id: 'ring-n', members: ids('n', 3) },
    ];
    const c = compareWithBaseline(baseline, current, 0.5);
    expect(c.rings.map((r) => [r.id, r.status, r.joined, r.left])).toEqual([
      ['ring-a', 'grown', ['a5', 'a6'], []],
      ['ring-b', 'shrunk', [], ['b4']],
      ['ring-c', 'changed', ['x1'], ['c5']],
      ['ring-d', 'unchanged', [], []],
      ['ring-n', 'new', ['n1', 'n2', 'n3'], []],
    ]);
    expect(c.rings.map((r) => r.previousSize)).toEqual([4, 4, 5, 3, 0]);
    expect(c.rings.map((r) => r.newcomers)).toEqual([['a5', 'a6'], [], ['x1'], [], ['n1', 'n2', 'n3']]);
    expect(c.counts).toMatchObject({ new: 1, grown: 1, shrunk: 1, changed: 1, unchanged: 1, dissolved: 0 });
  });

  it('uses the stored id of a ring detection gave another id, and names the baseline ring it continues', () => {
    // Detection matched against another run (e.g. a manual one) and kept a different lineage.
    const c = compareWithBaseline(
      [{ id: 'ring-old', members: ids('a', 4) }],
      [{ id: 'ring-new', members: ids('a', 5) }],
      0.5,
    );
    expect(c.rings[0]).toMatchObject({ id: 'ring-new', previousId: 'ring-old', status: 'grown', joined: ['a5'] });
  });

  it('reports a split with stored ids; the piece with no outside account has no newcomers', () => {
    const baseline = [{ id: 'ring-s', members: ids('s', 8) }];
    const current = [
      { id: 'ring-s', members: ids('s', 4) },
      { id: 'ring-s2', members: ids('s', 4, 5) },
    ];
    const c = compareWithBaseline(baseline, current, 0.5);
    expect(c.split).toEqual([{ previousId: 'ring-s', splitInto: ['ring-s', 'ring-s2'] }]);
    expect(c.rings[0]).toMatchObject({ status: 'shrunk', left: ids('s', 4, 5) });
    expect(c.rings[1]).toMatchObject({ status: 'new', splitFrom: 'ring-s', newcomers: [] });
    expect(c.dissolved).toEqual([]);
  });

  it('reports merges under the stored id and dissolved rings with their members', () => {
    const baseline = [
      { id: 'ring-a', members: ids('a', 3) },
      { id: 'ring-b', members: ids('b', 3) },
      { id: 'ring-z', members: ids('z', 3) },
    ];
    const current = [{ id: 'ring-ab', members: [...ids('a', 3), ...ids('b', 3), 'x1'] }];
    const c = compareWithBaseline(baseline, current, 0.4);
    expect(c.merged).toEqual([{ id: 'ring-ab', mergedFrom: ['ring-a', 'ring-b'] }]);
    expect(c.rings[0]!.newcomers).toEqual(['x1']);
    expect(c.dissolved).toEqual([{ id: 'ring-z', members: ids('z', 3) }]);
    expect(c.counts).toMatchObject({ merged: 1, dissolved: 1 });
  });

  it('with no baseline every ring is new', () => {
    const c = compareWithBaseline([], [{ id: 'ring-1', members: ['a', 'b', 'c'] }], 0.5);
    expect(c.rings[0]).toMatchObject({ status: 'new', newcomers: ['a', 'b', 'c'], previousSize: 0 });
  });
});
