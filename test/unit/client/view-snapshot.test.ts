import { describe, expect, it } from 'vitest';
import { savedViewStateSchema } from '../../../contracts/views.ts';
import { mergeElements, EMPTY_DOC, hideNodes } from '../../../client/src/features/graph/utils/graph-doc.ts';
import { graphReducer, initialGraphState } from '../../../client/src/features/graph/utils/graph-state.ts';
import { snapshotView, viewSettings } from '../../../client/src/features/graph/utils/view-snapshot.ts';

const node = (id: string, kind: 'account' | 'device') => ({ data: { id, kind, label: id } });

describe('saved views', () => {
  it('snapshot keeps every node with its place, hidden, pinned, groups, window and layout; reopening restores them', () => {
    const doc = hideNodes(
      mergeElements(EMPTY_DOC, {
        nodes: [node('account:a', 'account'), node('account:b', 'account'), node('device:d', 'device')],
        edges: [],
      } as never).doc,
      ['account:b'],
    );
    let state = graphReducer(initialGraphState(), { type: 'reset', doc, label: 'Open', title: 'Ring ring-1' });
    state = graphReducer(state, { type: 'pin', ids: ['account:a'], pinned: true });
    state = graphReducer(state, { type: 'window', window: { from: 1, to: 2 } });
    state = graphReducer(state, { type: 'layout', layout: 'concentric' });
    state = graphReducer(state, {
      type: 'group',
      group: { identifier: 'device:d', members: ['account:a', 'account:b'], collapsed: true },
    });
    const view = snapshotView(state, {
      'account:a': { x: 1.04, y: 2 },
      'account:b': { x: 3, y: 4 },
      'device:d': { x: 5, y: 6 },
    });
    expect(savedViewStateSchema.parse(view)).toEqual(view);
    expect(view).toEqual({
      title: 'Ring ring-1',
      nodes: [
        { id: 'account:a', x: 1, y: 2 },
        { id: 'account:b', x: 3, y: 4 },
        { id: 'device:d', x: 5, y: 6 },
      ],
      hidden: ['account:b'],
      pinned: ['account:a'],
      groups: [{ identifier: 'device:d', members: ['account:a', 'account:b'], collapsed: true }],
      window: { from: 1, to: 2 },
      layout: 'concentric',
    });

    const reopened = graphReducer(initialGraphState(), {
      type: 'reset',
      doc,
      label: 'Open view',
      title: 'View',
      view: viewSettings(view!),
    });
    expect(reopened.layout).toBe('concentric');
    // Reopening names the layout but does not ask for it to run (the nodes go where they were).
    expect(reopened.layoutRun).toBe(0);
    expect([...reopened.pinned]).toEqual(['account:a']);
    expect(reopened.window).toEqual({ from: 1, to: 2 });
    expect(reopened.positions?.get('device:d')).toEqual({ x: 5, y: 6 });
    expect(reopened.groups.get('device:d')?.collapsed).toBe(true);
  });

  it('an empty canvas saves nothing', () => {
    expect(snapshotView(initialGraphState(), {})).toBeNull();
  });
});
