/**
 * The time filter: the span of first/last-seen dates over the edges on screen, and whether an edge was active within
 * a chosen window (its [firstSeen, lastSeen] interval overlaps it). Edges without dates are always kept. Shared: the
 * web app fades what lies outside the window, and so does the report's picture of a saved view.
 */
import type { GraphEdgeData } from './investigate.ts';

export interface TimeWindow {
  /** Epoch milliseconds, inclusive. */
  from: number;
  to: number;
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** The earliest first-seen and latest last-seen over the edges, or null when none has a date. */
export function timeDomain(edges: Iterable<Pick<GraphEdgeData, 'firstSeen' | 'lastSeen'>>): TimeWindow | null {
  let from = Infinity;
  let to = -Infinity;
  for (const e of edges) {
    const a = ms(e.firstSeen) ?? ms(e.lastSeen);
    const b = ms(e.lastSeen) ?? ms(e.firstSeen);
    if (a !== null && a < from) from = a;
    if (b !== null && b > to) to = b;
  }
  return from <= to ? { from, to } : null;
}

export function edgeInWindow(edge: Pick<GraphEdgeData, 'firstSeen' | 'lastSeen'>, window: TimeWindow): boolean {
  const a = ms(edge.firstSeen) ?? ms(edge.lastSeen);
  const b = ms(edge.lastSeen) ?? ms(edge.firstSeen);
  if (a === null || b === null) return true;
  return a <= window.to && b >= window.from;
}

/** True when the window covers the whole domain (nothing is filtered). */
export function coversDomain(window: TimeWindow, domain: TimeWindow): boolean {
  return window.from <= domain.from && window.to >= domain.to;
}
