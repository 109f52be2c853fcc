/**
 * A small read-only window onto the graph for the end-to-end tests (and the browser console): which elements are
 * drawn, where a node is on screen, which classes it has. The canvas has no DOM per node to query, so without this a
 * test could not find a node to double-click. Exposes nothing that is not already on screen.
 */
import type { Core } from 'cytoscape';

export interface GraphTestHandle {
  nodeIds(): string[];
  edgeIds(): string[];
  /** Page coordinates of a node's centre, or null when it is not drawn. */
  nodeScreenPosition(id: string): { x: number; y: number } | null;
  /** Page coordinates of a node's drawn box (its centre, width and height), or null when it is not drawn. */
  nodeScreenBox(id: string): { x: number; y: number; width: number; height: number } | null;
  classes(id: string): string[];
  /** The text drawn on an element (its label data). */
  label(id: string): string | null;
  /** Whether the element's label is drawn at the current zoom (labels appear as you zoom in). */
  labelShown(id: string): boolean;
  /** The compound parent a node is drawn inside, if any. */
  parent(id: string): string | null;
  zoom(): number;
  /** The nodes selected on the canvas. */
  selectedIds(): string[];
  /** Where each visible node is, in the graph's own coordinates (what a saved view keeps). */
  modelPositions(): Record<string, { x: number; y: number }>;
  /** True while a layout or a viewport animation runs (node positions on screen are still moving). */
  busy(): boolean;
  /** How many double-clicks (double-taps) on nodes the canvas has recognised since it was created. */
  nodeDoubleTaps(): number;
}

declare global {
  interface Window {
    ringlensGraph?: GraphTestHandle;
  }
}

export function exposeTestHandle(cy: Core, layoutRunning: () => boolean): () => void {
  let doubleTaps = 0;
  const countDoubleTap = () => {
    doubleTaps += 1;
  };
  cy.on('dbltap', 'node', countDoubleTap);
  const handle: GraphTestHandle = {
    nodeIds: () => cy.nodes(':visible').map((n) => n.id()),
    edgeIds: () => cy.edges(':visible').map((e) => e.id()),
    nodeScreenPosition: (id) => {
      const n = cy.getElementById(id);
      if (n.empty() || !n.visible()) return null;
      const box = cy.container()!.getBoundingClientRect();
      const p = n.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    nodeScreenBox: (id) => {
      const n = cy.getElementById(id);
      if (n.empty() || !n.visible()) return null;
      const box = cy.container()!.getBoundingClientRect();
      const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      return { x: box.left + (b.x1 + b.x2) / 2, y: box.top + (b.y1 + b.y2) / 2, width: b.w, height: b.h };
    },
    classes: (id) => {
      const e = cy.getElementById(id);
      return e.empty() ? [] : (e.classes() as unknown as string[]);
    },
    label: (id) => {
      const e = cy.getElementById(id);
      return e.empty() ? null : ((e.data('label') as string | undefined) ?? null);
    },
    labelShown: (id) => {
      const e = cy.getElementById(id);
      if (e.empty() || !e.visible()) return false;
      const size = Number.parseFloat(String(e.style('font-size')));
      const min = Number.parseFloat(String(e.style('min-zoomed-font-size')));
      return size * cy.zoom() >= min;
    },
    parent: (id) => {
      const e = cy.getElementById(id);
      return e.empty() ? null : ((e.data('parent') as string | undefined) ?? null);
    },
    zoom: () => cy.zoom(),
    selectedIds: () => cy.nodes(':selected').map((n) => n.id()),
    modelPositions: () => Object.fromEntries(cy.nodes(':visible').map((n) => [n.id(), { ...n.position() }])),
    busy: () => layoutRunning() || cy.animated(),
    nodeDoubleTaps: () => doubleTaps,
  };
  window.ringlensGraph = handle;
  return () => {
    cy.off('dbltap', 'node', countDoubleTap);
    if (window.ringlensGraph === handle) delete window.ringlensGraph;
  };
}
