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
  classes(id: string): string[];
  zoom(): number;
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
    classes: (id) => {
      const e = cy.getElementById(id);
      return e.empty() ? [] : (e.classes() as unknown as string[]);
    },
    zoom: () => cy.zoom(),
    busy: () => layoutRunning() || cy.animated(),
    nodeDoubleTaps: () => doubleTaps,
  };
  window.ringlensGraph = handle;
  return () => {
    cy.off('dbltap', 'node', countDoubleTap);
    if (window.ringlensGraph === handle) delete window.ringlensGraph;
  };
}
