import { describe, expect, it } from 'vitest';
import type { Elements } from '../../../contracts/investigate.ts';
import { hideNodes, mergeElements } from '../../../client/src/features/graph/utils/graph-doc.ts';
import { currentDoc, graphReducer, initialGraphState } from '../../../client/src/features/graph/utils/graph-state.ts';

const node = (id: string) => ({
  data: { id, kind: 'account' as const, key: id.slice(8), label: id, accountLabel: 'unknown' as const, sharers: null },
});
const add = (...ids: string[]): Elements => ({ nodes: ids.map(node), edges: [] });

describe('graph reducer', () => {
  it('records expansions and hides on the undo stack, with labels', () => {
    let s = initialGraphState();
    s = graphReducer(s, {
      type: 'apply',
      label: 'Expand a',
      update: (d) => mergeElements(d, add('account:a', 'account:b')).doc,
    });
    s = graphReducer(s, { type: 'apply', label: 'Hide account:b', update: (d) => hideNodes(d, ['account:b']) });
    expect(s.history.present.label).toBe('Hide account:b');
    expect(currentDoc(s).hidden.has('account:b')).toBe(true);
    s = graphReducer(s, { type: 'undo' });
    expect(currentDoc(s).hidden.size).toBe(0);
    s = graphReducer(s, { type: 'undo' });
    expect(currentDoc(s).nodes.size).toBe(0);
    s = graphReducer(s, { type: 'redo' });
    expect(currentDoc(s).nodes.size).toBe(2);
  });

  it('ignores changes that change nothing', () => {
    const s = graphReducer(initialGraphState(), {
      type: 'apply',
      label: 'x',
      update: (d) => mergeElements(d, add('account:a')).doc,
    });
    expect(
      graphReducer(s, { type: 'apply', label: 'again', update: (d) => mergeElements(d, add('account:a')).doc }),
    ).toBe(s);
  });

  it('drops the selection when undo removes the selected node', () => {
    let s = graphReducer(initialGraphState(), {
      type: 'apply',
      label: 'x',
      update: (d) => mergeElements(d, add('account:a')).doc,
    });
    s = graphReducer(s, { type: 'select', id: 'account:a', focus: true });
    expect(s.focus).toEqual({ id: 'account:a', n: 1 });
    s = graphReducer(s, { type: 'selection', ids: ['account:a'] });
    s = graphReducer(s, { type: 'undo' });
    expect(s.selected).toBeNull();
    expect(s.selection).toEqual([]);
  });

  it('starts a fresh history when a ring is opened, keeping pins out of it', () => {
    let s = graphReducer(initialGraphState(), {
      type: 'apply',
      label: 'x',
      update: (d) => mergeElements(d, add('account:a')).doc,
    });
    s = graphReducer(s, { type: 'pin', ids: ['account:a'], pinned: true });
    expect([...s.pinned]).toEqual(['account:a']);
    s = graphReducer(s, { type: 'undo' });
    expect([...s.pinned]).toEqual(['account:a']);
    const doc = mergeElements(currentDoc(s), add('account:r')).doc;
    s = graphReducer(s, { type: 'reset', doc, label: 'Open ring r', title: 'Ring r' });
    expect(s.history.past).toEqual([]);
    expect(s.title).toBe('Ring r');
    expect(s.pinned.size).toBe(0);
  });
});
