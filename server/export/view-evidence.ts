/**
 * A ring's saved views for its report: each view's canvas read as the web app reopens it (its nodes read afresh
 * through the same subgraph read, hidden ones left out) with the positions it was saved at, so the report's picture
 * of a view is that view: a collapsed group is one box at the centre of its accounts with one summary edge to each
 * node they link to (as cytoscape/graph-groups.ts draws it), and what lies outside the time window is faded.
 */
import type { Db } from '../db/database.ts';
import { InvestigateService } from '../investigate/service.ts';
import { getView, listViews } from '../views/service.ts';
import type { SavedViewState } from '../../contracts/views.ts';
import { edgeInWindow } from '../../contracts/time-window.ts';
import type { Point } from './layout.ts';
import type { PictureEdge, PictureNode } from './picture.ts';

/** Views drawn into one report, newest first (the case file lists them all). */
export const MAX_REPORT_VIEWS = 12;

export interface SavedViewEvidence {
  id: string;
  name: string;
  author: string;
  at: string;
  /** What the canvas was called when saved. */
  title: string | null;
  nodes: PictureNode[];
  edges: PictureEdge[];
  positions: Map<string, Point>;
  /** Nodes the view hides (not drawn), and nodes saved with it that no longer exist. */
  hidden: number;
  gone: number;
  /** The time window it was saved with (epoch ms), or null. */
  window: SavedViewState['window'];
}

type ViewEdge = PictureEdge & { firstSeen?: string | null; lastSeen?: string | null };

/** Collapsed groups: their shown accounts replaced by one group node at their centre and summary edges. */
export function collapseGroups(
  state: Pick<SavedViewState, 'groups'>,
  nodes: PictureNode[],
  edges: ViewEdge[],
  positions: Map<string, Point>,
): { nodes: PictureNode[]; edges: ViewEdge[] } {
  const groupOf = new Map<string, string>();
  const added: PictureNode[] = [];
  const shown = new Set(nodes.map((n) => n.id));
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  for (const g of state.groups) {
    const members = g.members.filter((m) => shown.has(m) && positions.has(m) && !groupOf.has(m));
    if (!g.collapsed || members.length === 0) continue;
    const id = `group:${g.identifier}`;
    for (const m of members) groupOf.set(m, id);
    const xs = members.map((m) => positions.get(m)!.x);
    const ys = members.map((m) => positions.get(m)!.y);
    positions.set(id, { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 });
    const n = members.length;
    added.push({ id, kind: 'group', label: `${n} accounts · ${label.get(g.identifier) ?? g.identifier}`, members: n });
  }
  if (added.length === 0) return { nodes, edges };
  const meta = new Map<string, ViewEdge & { count: number }>();
  const kept: ViewEdge[] = [];
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) kept.push(e);
    else if (source !== target) {
      const [a, b] = source < target ? [source, target] : [target, source];
      const key = `${a}|${b}`;
      const m = meta.get(key) ?? { source: a, target: b, kind: 'meta' as const, count: 0 };
      m.count++;
      meta.set(key, m);
    }
  }
  return { nodes: [...nodes.filter((n) => !groupOf.has(n.id)), ...added], edges: [...kept, ...meta.values()] };
}

/** The time window as the app applies it: edges outside it faded, and nodes whose every edge is. */
export function fadeOutsideWindow(
  window: SavedViewState['window'],
  nodes: PictureNode[],
  edges: ViewEdge[],
): { nodes: PictureNode[]; edges: ViewEdge[] } {
  if (!window) return { nodes, edges };
  const active = new Set<string>();
  const linked = new Set<string>();
  const faded = edges.map((e) => {
    const inside =
      e.kind === 'meta' || edgeInWindow({ firstSeen: e.firstSeen ?? null, lastSeen: e.lastSeen ?? null }, window);
    linked.add(e.source).add(e.target);
    if (inside) active.add(e.source).add(e.target);
    return inside ? e : { ...e, faded: true };
  });
  return { nodes: nodes.map((n) => (linked.has(n.id) && !active.has(n.id) ? { ...n, faded: true } : n)), edges: faded };
}

export async function loadSavedViews(db: Db, ringId: string): Promise<{ views: SavedViewEvidence[]; more: number }> {
  const all = await listViews(db, { targetType: 'ring', targetId: ringId });
  const investigate = new InvestigateService(db);
  const views: SavedViewEvidence[] = [];
  for (const summary of all.slice(0, MAX_REPORT_VIEWS)) {
    const view = await getView(db, summary.id);
    const hidden = new Set(view.state.hidden);
    const sub = await investigate.subgraph(view.state.nodes.map((n) => n.id));
    const shownNodes = sub.nodes.map(({ data: n }) => n).filter((n) => !hidden.has(n.id));
    const shown = new Set(shownNodes.map((n) => n.id));
    const positions = new Map(view.state.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    const grouped = collapseGroups(
      view.state,
      shownNodes,
      sub.edges.map(({ data: x }) => x).filter((x) => shown.has(x.source) && shown.has(x.target)),
      positions,
    );
    const { nodes, edges } = fadeOutsideWindow(view.state.window, grouped.nodes, grouped.edges);
    views.push({
      id: view.id,
      name: view.name,
      author: view.author,
      at: view.at,
      title: view.state.title,
      nodes,
      edges,
      positions,
      hidden: view.state.nodes.filter((n) => hidden.has(n.id)).length,
      gone: view.state.nodes.length - sub.nodes.length,
      window: view.state.window,
    });
  }
  return { views, more: Math.max(0, all.length - views.length) };
}
