/**
 * A saved view (contracts/views.ts) from the canvas as it is, and the settings to reopen one with. Pure: the node
 * positions come from the drawing, everything else from the graph state.
 */
import type { SavedViewState } from '@contracts/views.ts';
import type { Group } from '../cytoscape/graph-groups.ts';
import { currentDoc, type GraphState, type ResetView } from './graph-state.ts';

export type Positions = Readonly<Record<string, { x: number; y: number }>>;

/** The canvas as a saved view: every node of the document (hidden ones too) where it is drawn. */
export function snapshotView(state: GraphState, positions: Positions): SavedViewState | null {
  const doc = currentDoc(state);
  const nodes = [...doc.nodes.keys()].flatMap((id) => {
    const p = positions[id];
    return p ? [{ id, x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }] : [];
  });
  if (nodes.length === 0) return null;
  return {
    title: state.title,
    nodes,
    hidden: [...doc.hidden],
    pinned: [...state.pinned].filter((id) => doc.nodes.has(id)),
    groups: [...state.groups.values()].map((g) => ({
      identifier: g.identifier,
      members: [...g.members],
      collapsed: g.collapsed,
    })),
    window: state.window,
    layout: state.layout,
  };
}

/** The graph settings a saved view reopens with. */
export function viewSettings(view: SavedViewState): ResetView {
  return {
    positions: new Map(view.nodes.map((n) => [n.id, { x: n.x, y: n.y }])),
    pinned: new Set(view.pinned),
    groups: new Map(view.groups.map((g): [string, Group] => [g.identifier, g])),
    window: view.window,
    layout: view.layout,
  };
}
