/**
 * Client-side exports of the current view (whatever is drawn, not only a ring): Cytoscape JSON in the same envelope
 * as the server's ring export, so either re-imports the same way, and node / edge CSV with the server's quoting
 * (a leading = + - @ is neutralised so spreadsheets do not run it).
 */
import type { ElementDefinition } from 'cytoscape';
import { csvCell } from '@contracts/csv.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { DrawnElements } from '../../graph/cytoscape/view-capture.ts';

export const VIEW_NODE_COLUMNS = ['id', 'kind', 'key', 'label', 'accountLabel', 'sharers', 'x', 'y'] as const;
export const VIEW_EDGE_COLUMNS = [
  'id',
  'source',
  'target',
  'kind',
  'label',
  'count',
  'total',
  'currency',
  'firstSeen',
  'lastSeen',
] as const;

export function viewToCytoscapeJson(elements: DrawnElements, meta: { view: string; exportedAt: string }): string {
  const doc = { format_version: '1.0', generated_by: 'RingLens', data: meta, elements };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Numbers as they are (a negative coordinate is not a formula); text through the server's quoting. */
const cell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : csvCell(v));

function csv(columns: readonly string[], rows: Array<Record<string, unknown>>): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

const round = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);

export function viewNodesCsv(nodes: readonly ElementDefinition[]): string {
  return csv(
    VIEW_NODE_COLUMNS,
    nodes.map((n) => ({ ...n.data, x: round(n.position?.x), y: round(n.position?.y) })),
  );
}

export function viewEdgesCsv(edges: readonly ElementDefinition[]): string {
  return csv(
    VIEW_EDGE_COLUMNS,
    edges.map((e) => e.data),
  );
}

/** A file name from the view's title: "Ring ring-1a2b" → "ring-1a2b-view". */
export function viewFileStem(title: string | null): string {
  const stem = (title ?? 'graph')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // The title of an opened ring is "Ring ring-…".
    .replace(/^ring-(?=ring-)/, '');
  return `${stem || 'graph'}-view`;
}

/** The PNG figure's title lines: the view's title (the ring, the account) and when and from where it was exported. */
export function figureHeading(
  title: string | null,
  ringId: string | null,
  at: Date,
): { title: string; subtitle: string } {
  const when = formatDateTime(at.toISOString());
  const ring = ringId && !(title ?? '').includes(ringId) ? ` · ring ${ringId}` : '';
  return { title: title ?? 'RingLens graph', subtitle: `Exported from RingLens on ${when}${ring}` };
}
