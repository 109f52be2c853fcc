import { describe, expect, it } from 'vitest';
import type { EdgeElement, NodeElement } from '../../../contracts/investigate.ts';
import {
  docStats,
  EMPTY_DOC,
  hideNodes,
  mergeElements,
  setExpansion,
  showAll,
} from '../../../client/src/features/graph/utils/graph-doc.ts';

const account = (key: string, extra: Partial<NodeElement['data']> = {}): NodeElement => ({
  data: { id: `account:${key}`, kind: 'account', key, label: key, accountLabel: 'unknown', sharers: null, ...extra },
});
const device = (key: string, sharers = 2): NodeElement => ({
  data: { id: `device:${key}`, kind: 'device', key, label: key, accountLabel: null, sharers },
});
const uses = (a: string, d: string): EdgeElement => ({
  data: {
    id: `uses:account:${a}->device:${d}`,
    source: `account:${a}`,
    target: `device:${d}`,
    kind: 'uses',
    label: 'device',
    count: 1,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-02T00:00:00.000Z',
  },
});

describe('mergeElements', () => {
  it('adds new nodes and edges and reports what was added', () => {
    const r = mergeElements(EMPTY_DOC, { nodes: [account('a'), device('d')], edges: [uses('a', 'd')] });
    expect(r.addedNodes).toEqual(['account:a', 'device:d']);
    expect(r.addedEdges).toEqual(['uses:account:a->device:d']);
    expect([...r.doc.nodes.keys()]).toEqual(['account:a', 'device:d']);
    expect(docStats(r.doc)).toEqual({ nodes: 2, edges: 1, hidden: 0 });
  });

  it('never duplicates a node or an edge that arrives twice (in one batch or across expansions)', () => {
    const first = mergeElements(EMPTY_DOC, {
      nodes: [account('a'), account('a'), device('d')],
      edges: [uses('a', 'd'), uses('a', 'd')],
    });
    expect(first.doc.nodes.size).toBe(2);
    expect(first.doc.edges.size).toBe(1);
    const second = mergeElements(first.doc, {
      nodes: [device('d'), account('b')],
      edges: [uses('a', 'd'), uses('b', 'd')],
    });
    expect(second.addedNodes).toEqual(['account:b']);
    expect(second.addedEdges).toEqual(['uses:account:b->device:d']);
    expect(second.doc.nodes.size).toBe(3);
    expect(second.doc.edges.size).toBe(2);
  });

  it('drops edges whose ends are not both in the graph', () => {
    const r = mergeElements(EMPTY_DOC, { nodes: [account('a')], edges: [uses('a', 'missing')] });
    expect(r.doc.edges.size).toBe(0);
    expect(r.addedEdges).toEqual([]);
  });

  it('returns the very same document when nothing changes, and never mutates its input', () => {
    const base = mergeElements(EMPTY_DOC, { nodes: [account('a'), device('d')], edges: [uses('a', 'd')] }).doc;
    const snapshot = { nodes: [...base.nodes.entries()], edges: [...base.edges.entries()] };
    const again = mergeElements(base, { nodes: [account('a'), device('d')], edges: [uses('a', 'd')] });
    expect(again.doc).toBe(base);
    mergeElements(base, { nodes: [account('z')], edges: [] });
    expect([...base.nodes.entries()]).toEqual(snapshot.nodes);
    expect([...base.edges.entries()]).toEqual(snapshot.edges);
  });

  it('refreshes a known node with newer fields, keeping what the update does not say', () => {
    const base = mergeElements(EMPTY_DOC, { nodes: [account('a')], edges: [] }).doc;
    const r = mergeElements(base, { nodes: [account('a', { sharedIdentifiers: 3 })], edges: [] });
    expect(r.addedNodes).toEqual([]);
    expect(r.doc.nodes.get('account:a')).toMatchObject({ label: 'a', sharedIdentifiers: 3 });
    const d = mergeElements(r.doc, { nodes: [device('x', 5)], edges: [] }).doc;
    expect(mergeElements(d, { nodes: [device('x', 7)], edges: [] }).doc.nodes.get('device:x')!.sharers).toBe(7);
  });

  it('shows a hidden node again when an expansion brings it back', () => {
    const base = mergeElements(EMPTY_DOC, { nodes: [account('a'), device('d')], edges: [uses('a', 'd')] }).doc;
    const hidden = hideNodes(base, ['device:d']);
    expect(docStats(hidden)).toEqual({ nodes: 1, edges: 0, hidden: 1 });
    const back = mergeElements(hidden, { nodes: [device('d')], edges: [] }).doc;
    expect(back.hidden.size).toBe(0);
  });
});

describe('hide, show and expansions', () => {
  const base = mergeElements(EMPTY_DOC, { nodes: [account('a'), device('d')], edges: [uses('a', 'd')] }).doc;

  it('hides only nodes that exist, and is a no-op when nothing changes', () => {
    const h = hideNodes(base, ['account:a', 'account:nope']);
    expect([...h.hidden]).toEqual(['account:a']);
    expect(hideNodes(h, ['account:a'])).toBe(h);
    expect(showAll(h).hidden.size).toBe(0);
    expect(showAll(base)).toBe(base);
  });

  it('records how far a node’s neighbours are loaded', () => {
    const e = setExpansion(base, 'device:d', {
      nextCursor: 'c1',
      matching: 80,
      loaded: 50,
      kinds: null,
      order: 'shared',
    });
    expect(e.expansions.get('device:d')).toMatchObject({ nextCursor: 'c1', loaded: 50 });
    expect(base.expansions.size).toBe(0);
  });
});
