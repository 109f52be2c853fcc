/**
 * Brings a Cytoscape instance in line with the view state: adds and removes elements so they match the graph
 * document, refreshes changed data, and sets the classes that carry hiding, pinning, the time filter, expandable nodes
 * and path highlighting. New nodes start next to an anchor (the node being expanded, or a neighbour already on
 * screen) so the incremental layout only has to settle them.
 */
import type { Core, ElementDefinition, NodeSingular, Position } from 'cytoscape';
import type { GraphDoc } from '../utils/graph-doc.ts';
import { edgeInWindow, type TimeWindow } from '@contracts/time-window.ts';
import { applyGroups, isSynthetic, type Group } from './graph-groups.ts';

export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface ViewState {
  doc: GraphDoc;
  pinned: ReadonlySet<string>;
  /** Edges outside the window fade; null shows everything. */
  window: TimeWindow | null;
  highlight: Highlight | null;
  /** Accounts grouped behind a shared identifier, by identifier node id. */
  groups: ReadonlyMap<string, Group>;
  /** Where nodes are drawn when they arrive (a reopened saved view); null lets the layout place them. */
  positions?: ReadonlyMap<string, Position> | null;
}

/** Where each node remembers the document object it was drawn from, to skip unchanged data. */
const DATA_KEY = '_ringlensData';

/** A small deterministic offset per id, so new nodes do not all start on the same point. */
function jitter(id: string, radius: number): Position {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const angle = (((h >>> 0) % 3600) / 3600) * 2 * Math.PI;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}

/**
 * Where a new node starts: next to the anchor, else next to a neighbour already placed (on screen or earlier in this
 * batch), else — a new component, such as a path between nodes not on screen — to the right of the drawing, so it
 * does not land on top of what is there.
 */
function startPosition(
  cy: Core,
  doc: GraphDoc,
  id: string,
  anchor: string | undefined,
  placed: ReadonlyMap<string, Position>,
  outside: () => Position,
): Position {
  let base: Position | undefined;
  if (anchor) {
    const a = cy.getElementById(anchor);
    if (a.nonempty()) base = a.position();
  }
  if (!base) {
    for (const e of doc.edges.values()) {
      const other = e.source === id ? e.target : e.target === id ? e.source : undefined;
      if (!other) continue;
      const o = cy.getElementById(other);
      base = o.nonempty() ? o.position() : placed.get(other);
      if (base) break;
    }
  }
  base ??= outside();
  const j = jitter(id, 60);
  return { x: base.x + j.x, y: base.y + j.y };
}

/** Applies the state; returns the ids of nodes that were added (the caller lays them out). */
export function syncGraph(cy: Core, state: ViewState, anchor?: string): string[] {
  const { doc } = state;
  const added: string[] = [];
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      const id = ele.id();
      if (isSynthetic(id)) return;
      const present = ele.group() === 'nodes' ? doc.nodes.has(id) : doc.edges.has(id);
      if (!present) cy.remove(ele);
    });
    const adds: ElementDefinition[] = [];
    const placed = new Map<string, Position>();
    let box: { x2: number; y1: number; y2: number } | undefined;
    let stacked = 0;
    const outside = (): Position => {
      if (cy.nodes().empty()) return { x: 0, y: 0 };
      box ??= cy.nodes().boundingBox({});
      return { x: box.x2 + 160, y: (box.y1 + box.y2) / 2 + 140 * stacked++ };
    };
    for (const [id, data] of doc.nodes) {
      const ele = cy.getElementById(id);
      if (ele.empty()) {
        const saved = state.positions?.get(id);
        const position = saved ? { ...saved } : startPosition(cy, doc, id, anchor, placed, outside);
        placed.set(id, position);
        adds.push({ group: 'nodes', data: { ...data }, position });
        added.push(id);
      } else if (ele.scratch(DATA_KEY) !== data) {
        ele.data({ ...data });
        ele.scratch(DATA_KEY, data);
      }
    }
    if (adds.length > 0) cy.add(adds);
    for (const id of added) cy.getElementById(id).scratch(DATA_KEY, doc.nodes.get(id));
    const edgeAdds: ElementDefinition[] = [];
    for (const [id, data] of doc.edges)
      if (cy.getElementById(id).empty()) edgeAdds.push({ group: 'edges', data: { ...data } });
    if (edgeAdds.length > 0) cy.add(edgeAdds);

    cy.nodes().forEach((n: NodeSingular) => {
      const id = n.id();
      n.toggleClass('hidden', doc.hidden.has(id));
      const pinned = state.pinned.has(id);
      n.toggleClass('pinned', pinned);
      if (pinned && !n.locked()) n.lock();
      else if (!pinned && n.locked()) n.unlock();
      const exp = doc.expansions.get(id);
      n.toggleClass('expandable', exp !== undefined && exp.nextCursor !== null);
    });
    applyGroups(cy, state.groups);
    applyTimeWindow(cy, state);
    applyHighlight(cy, state.highlight);
  });
  return added;
}

function applyTimeWindow(cy: Core, state: ViewState): void {
  const window = state.window;
  const activeNodes = new Set<string>();
  cy.edges().forEach((e) => {
    const data = state.doc.edges.get(e.id());
    const inside = !window || !data || edgeInWindow(data, window);
    e.toggleClass('faded', !inside);
    if (inside) {
      activeNodes.add(e.data('source') as string);
      activeNodes.add(e.data('target') as string);
    }
  });
  // A node fades with its edges, unless it has none at all (a lone search result stays visible).
  cy.nodes().forEach((n) => {
    n.toggleClass('faded', window !== null && n.connectedEdges().nonempty() && !activeNodes.has(n.id()));
  });
}

function applyHighlight(cy: Core, highlight: Highlight | null): void {
  cy.elements().forEach((ele) => {
    const id = ele.id();
    const on = highlight !== null && (ele.group() === 'nodes' ? highlight.nodes.has(id) : highlight.edges.has(id));
    ele.toggleClass('path', on);
    ele.toggleClass('dimmed', highlight !== null && !on);
  });
}
