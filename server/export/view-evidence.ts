/**
 * A ring's saved views for its report: each view's canvas read as the web app reopens it (its nodes read afresh
 * through the same subgraph read, hidden ones left out) with the positions it was saved at, so the report's picture
 * of a view is that view.
 */
import type { Db } from '../db/database.ts';
import { InvestigateService } from '../investigate/service.ts';
import { getView, listViews } from '../views/service.ts';
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
}

export async function loadSavedViews(db: Db, ringId: string): Promise<{ views: SavedViewEvidence[]; more: number }> {
  const all = await listViews(db, { targetType: 'ring', targetId: ringId });
  const investigate = new InvestigateService(db);
  const views: SavedViewEvidence[] = [];
  for (const summary of all.slice(0, MAX_REPORT_VIEWS)) {
    const view = await getView(db, summary.id);
    const hidden = new Set(view.state.hidden);
    const sub = await investigate.subgraph(view.state.nodes.map((n) => n.id));
    const nodes = sub.nodes.map(({ data: n }) => n).filter((n) => !hidden.has(n.id));
    const shown = new Set(nodes.map((n) => n.id));
    views.push({
      id: view.id,
      name: view.name,
      author: view.author,
      at: view.at,
      title: view.state.title,
      nodes,
      edges: sub.edges.map(({ data: x }) => x).filter((x) => shown.has(x.source) && shown.has(x.target)),
      positions: new Map(view.state.nodes.map((n) => [n.id, { x: n.x, y: n.y }])),
      hidden: view.state.nodes.filter((n) => hidden.has(n.id)).length,
      gone: view.state.nodes.length - sub.nodes.length,
    });
  }
  return { views, more: Math.max(0, all.length - views.length) };
}
