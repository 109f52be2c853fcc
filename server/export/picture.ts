/**
 * Pictures of a graph as standalone SVG, drawn without a browser so that API exports and the evidence report always
 * carry one, and drawn as the web app draws it: the colours, shapes and marks of contracts/kind-styles.ts (the app's
 * legend), the app's node sizes, and the app's positions when a saved view has them (otherwise a deterministic force
 * layout, layout.ts). A title band above and a legend of only the kinds and marks shown below frame the graph, so
 * neither covers a node.
 */
import {
  FRAUD_BORDER,
  FRAUD_MARK,
  KIND_STYLES,
  LEGIT_BORDER,
  LINK_COLOR,
  PAYMENT_COLOR,
  legendEntries,
  shapePoints,
  type LegendEntry,
  type NodeShape,
} from '../../contracts/kind-styles.ts';
import { isNodeKind } from '../../contracts/vocabulary.ts';
import { escapeHtml as esc } from '../lib/html.ts';
import { forceLayout, type Point } from './layout.ts';
import type { RingEvidence } from './ring-evidence.ts';

export interface PictureNode {
  id: string;
  /** A node kind, or `group` for a collapsed group of accounts. */
  kind: string;
  label: string;
  accountLabel?: string | null;
  sharers?: number | null;
  /** Groups: how many accounts it stands for. */
  members?: number;
  /** Outside the view's time window: drawn faint, as in the app. */
  faded?: boolean;
}

export interface PictureEdge {
  source: string;
  target: string;
  /** `meta`: a collapsed group's summary edge. */
  kind: 'uses' | 'paid' | 'meta';
  count?: number | null;
  faded?: boolean;
}

/** The app's faded opacity and its group box (graph-style.ts). */
const FADED = ' opacity="0.12"';
const GROUP = { fill: '#D9E2EC', border: '#52606D', metaEdge: '#7B8794' };
const mapData = (v: number, lo: number, hi: number, a: number, b: number) =>
  a + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (b - a);

export interface Picture {
  title: string;
  subtitle?: string;
  nodes: readonly PictureNode[];
  edges: readonly PictureEdge[];
  /** Graph coordinates of every node (missing ones are laid out around the rest). */
  positions?: ReadonlyMap<string, Point>;
}

/** The SVG's width; its height follows the graph's shape. */
export const PICTURE_WIDTH = 900;
const TITLE_BAND = 52;
const LEGEND_ROW = 22;
const MAX_GRAPH_HEIGHT = 1000;
/** Above this many nodes, labels are left out (as the app shows none zoomed out); the tables name everything. */
export const MAX_LABELLED_NODES = 80;

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** The app's node size (graph-style.ts): accounts 34, identifiers 28–56 by sharers, others 30. */
export function nodeSize(n: PictureNode): number {
  if (n.kind === 'group') return mapData(n.members ?? 2, 2, 60, 46, 96);
  if (n.kind === 'account') return 34;
  if ((n.sharers ?? 0) > 1) return 28 + ((Math.min(100, n.sharers!) - 2) / 98) * 28;
  return 30;
}

/** One node shape centred on (cx, cy), `size` wide, with the given fill and border attributes. */
export function shapeSvg(shape: NodeShape, cx: number, cy: number, size: number, attrs: string): string {
  const corners = shapePoints(shape, cx, cy, size / 2);
  if (corners) return `<polygon points="${corners.map(([x, y]) => `${f1(x)},${f1(y)}`).join(' ')}" ${attrs}/>`;
  if (shape === 'ellipse') return `<circle cx="${f1(cx)}" cy="${f1(cy)}" r="${f1(size / 2)}" ${attrs}/>`;
  const r = size / 2;
  return `<rect x="${f1(cx - r)}" y="${f1(cy - r)}" width="${f1(size)}" height="${f1(size)}" rx="${f1(size / 4)}" ${attrs}/>`;
}

function groupSvg(n: PictureNode, p: Point): string {
  const w = nodeSize(n);
  const h = mapData(n.members ?? 2, 2, 60, 30, 60);
  return `<g data-node="${esc(n.id)}"${n.faded ? FADED : ''}><title>${esc(n.label)}</title><rect x="${f1(p.x - w / 2)}" y="${f1(p.y - h / 2)}" width="${f1(w)}" height="${f1(h)}" rx="6" fill="${GROUP.fill}" stroke="${GROUP.border}" stroke-width="2" data-kind="group"/><text x="${f1(p.x)}" y="${f1(p.y + 4)}" text-anchor="middle" font-size="10" font-weight="bold" fill="#1F2933">${esc(n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label)}</text></g>`;
}

function nodeSvg(n: PictureNode, p: Point, labelled: boolean): string {
  if (n.kind === 'group') return groupSvg(n, p);
  const style = isNodeKind(n.kind) ? KIND_STYLES[n.kind] : null;
  const fill = style?.color ?? '#777777';
  const fraud = n.accountLabel === 'known_fraud';
  const legit = n.accountLabel === 'legit';
  const border = fraud
    ? `stroke="${FRAUD_BORDER.color}" stroke-width="${FRAUD_BORDER.width}"`
    : legit
      ? `stroke="${LEGIT_BORDER}" stroke-width="3"`
      : 'stroke="#FFFFFF" stroke-width="1.5"';
  const size = nodeSize(n);
  const shape = shapeSvg(
    style?.shape ?? 'ellipse',
    p.x,
    p.y,
    size,
    `fill="${fill}" ${border} data-kind="${esc(n.kind)}"`,
  );
  const text = `${fraud ? `${FRAUD_MARK} ` : ''}${n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}`;
  const label = labelled
    ? `<text x="${f1(p.x)}" y="${f1(p.y + size / 2 + 13)}" text-anchor="middle" font-size="10"${fraud ? ` fill="${FRAUD_BORDER.color}" font-weight="bold"` : ' fill="#1F2933"'} paint-order="stroke" stroke="#FFFFFF" stroke-width="3">${esc(text)}</text>`
    : '';
  const tip = `${n.kind} ${n.label}${n.sharers ? ` (used by ${n.sharers} accounts)` : ''}`;
  return `<g data-node="${esc(n.id)}"${n.faded ? FADED : ''}><title>${esc(tip)}</title>${shape}${label}</g>`;
}

function edgeSvg(x: PictureEdge, a: Point, b: Point): string {
  const line = `<line x1="${f1(a.x)}" y1="${f1(a.y)}" x2="${f1(b.x)}" y2="${f1(b.y)}"${x.faded ? FADED : ''}`;
  if (x.kind === 'paid') {
    return `${line} stroke="${PAYMENT_COLOR}" stroke-width="3" marker-end="url(#paid-arrow)" data-edge="paid"/>`;
  }
  if (x.kind === 'meta') {
    return `${line} stroke="${GROUP.metaEdge}" stroke-width="${f1(mapData(x.count ?? 1, 1, 30, 2, 7))}" data-edge="meta"/>`;
  }
  return `${line} stroke="${LINK_COLOR}" stroke-width="1.5" data-edge="uses"/>`;
}

function legendSwatch(e: LegendEntry): string {
  if (e.id === 'paid') {
    return `<line x1="0" y1="7" x2="10" y2="7" stroke="${e.color}" stroke-width="2.5"/><polygon points="9,3 15,7 9,11" fill="${e.color}"/>`;
  }
  if ('border' in e)
    return shapeSvg('ellipse', 7, 7, 11, `fill="${e.color}" stroke="${e.border}" stroke-width="${e.borderWidth}"`);
  return shapeSvg(e.shape, 7, 7, 13, `fill="${e.color}" stroke="#FFFFFF" stroke-width="1"`);
}

/** Legend items flowed into rows across the picture; returns the SVG and its height. */
function legendSvg(entries: readonly LegendEntry[], top: number): { svg: string; height: number } {
  let x = 16;
  let row = 0;
  const items = entries.map((e) => {
    const w = 24 + e.name.length * 6.6 + 18;
    if (x + w > PICTURE_WIDTH - 16 && x > 16) {
      row++;
      x = 16;
    }
    const item = `<g transform="translate(${f1(x)} ${top + row * LEGEND_ROW})" data-legend="${e.id}">${legendSwatch(e)}<text x="22" y="11" font-size="12" fill="#1F2933">${esc(e.name)}</text></g>`;
    x += w;
    return item;
  });
  return { svg: items.join(''), height: entries.length ? (row + 1) * LEGEND_ROW + 10 : 0 };
}

export function drawPicture(p: Picture): string {
  const fixed = p.positions ?? new Map<string, Point>();
  const missing = p.nodes.some((n) => !fixed.has(n.id));
  const pos = missing
    ? forceLayout({
        nodes: p.nodes.map((n) => n.id),
        edges: p.edges,
        fixed: new Map([...fixed].filter(([id]) => p.nodes.some((n) => n.id === id))),
      })
    : fixed;
  const labelled = p.nodes.length <= MAX_LABELLED_NODES;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of p.nodes) {
    const q = pos.get(n.id)!;
    const r = nodeSize(n) / 2;
    minX = Math.min(minX, q.x - r - (labelled ? 50 : 4));
    maxX = Math.max(maxX, q.x + r + (labelled ? 50 : 4));
    minY = Math.min(minY, q.y - r - 4);
    maxY = Math.max(maxY, q.y + r + (labelled ? 20 : 4));
  }
  if (!p.nodes.length) [minX, minY, maxX, maxY] = [0, 0, 100, 60];
  const bw = maxX - minX;
  const bh = maxY - minY;
  // Small graphs are not blown up past 1.25× (a 3-node ring keeps app-sized nodes); tall ones are capped in height.
  let scale = Math.min(1.25, (PICTURE_WIDTH - 32) / bw);
  if (bh * scale > MAX_GRAPH_HEIGHT) scale = MAX_GRAPH_HEIGHT / bh;
  const graphH = bh * scale;
  const offsetX = (PICTURE_WIDTH - bw * scale) / 2 - minX * scale;
  const offsetY = TITLE_BAND - minY * scale;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const edges = p.edges
    .filter((x) => byId.has(x.source) && byId.has(x.target))
    .map((x) => edgeSvg(x, pos.get(x.source)!, pos.get(x.target)!))
    .join('');
  const nodes = p.nodes.map((n) => nodeSvg(n, pos.get(n.id)!, labelled)).join('');
  const legend = legendSvg(
    legendEntries({
      kinds: p.nodes.map((n) => n.kind),
      knownFraud: p.nodes.some((n) => n.accountLabel === 'known_fraud'),
      legit: p.nodes.some((n) => n.accountLabel === 'legit'),
      paid: p.edges.some((x) => x.kind === 'paid' && byId.has(x.source) && byId.has(x.target)),
    }),
    TITLE_BAND + graphH + 14,
  );
  const height = Math.ceil(TITLE_BAND + graphH + 14 + legend.height);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${height}" viewBox="0 0 ${PICTURE_WIDTH} ${height}" role="img" aria-label="${esc(p.title)}" font-family="Inter, 'DejaVu Sans', system-ui, sans-serif"><defs><marker id="paid-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${PAYMENT_COLOR}"/></marker></defs><rect width="100%" height="100%" fill="#FFFFFF"/><g data-part="title"><text x="16" y="24" font-size="16" font-weight="bold" fill="#1F2933">${esc(p.title)}</text>${p.subtitle ? `<text x="16" y="42" font-size="12" fill="#52606D">${esc(p.subtitle)}</text>` : ''}</g><g data-part="graph" transform="translate(${f1(offsetX)} ${f1(offsetY)}) scale(${scale.toFixed(4)})">${edges}${nodes}</g><line x1="16" x2="${PICTURE_WIDTH - 16}" y1="${f1(TITLE_BAND + graphH + 6)}" y2="${f1(TITLE_BAND + graphH + 6)}" stroke="#E4E7EB"/><g data-part="legend">${legend.svg}</g></svg>\n`;
}

/** The positions a ring is drawn at: those of its newest saved view where it has them, the rest laid out around. */
export function ringPositions(e: Pick<RingEvidence, 'nodes' | 'edges' | 'views'>): Map<string, Point> {
  const saved = e.views[0]?.positions ?? new Map<string, Point>();
  const fixed = new Map(e.nodes.filter((n) => saved.has(n.id)).map((n) => [n.id, saved.get(n.id)!]));
  return forceLayout({ nodes: e.nodes.map((n) => n.id), edges: e.edges, fixed });
}

/** The ring's evidence graph: every node the app draws for it, where its newest saved view has them. */
export function toSvg(e: RingEvidence, subtitle?: string): string {
  const noun = e.ring.kind === 'pair' ? 'Pair' : 'Ring';
  return drawPicture({
    title: `${noun} ${e.ring.id} — score ${e.ring.score}, ${e.ring.size} accounts`,
    subtitle:
      subtitle ??
      (e.views[0] ? `Laid out as in the saved view “${e.views[0].name}”` : 'Laid out automatically (no saved view)'),
    nodes: e.nodes,
    edges: e.edges,
    positions: ringPositions(e),
  });
}
