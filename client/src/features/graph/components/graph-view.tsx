/**
 * The Cytoscape canvas. It owns the Cytoscape instance and wires the three jobs kept in separate modules, as in
 * sigma.js: style (cytoscape/graph-style.ts), data (cytoscape/graph-sync.ts keeps the canvas equal to the view
 * state) and events (cytoscape/graph-events.ts turns clicks into intents). Layout runs when nodes were added.
 */
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { bindGraphEvents, type GraphEventHandlers } from '../cytoscape/graph-events.ts';
import { runLayout } from '../cytoscape/graph-layout.ts';
import { chooseRenderer, rendererOptions, webgl2Available } from '../cytoscape/renderer.ts';
import { graphStylesheet } from '../cytoscape/graph-style.ts';
import { syncGraph, type ViewState } from '../cytoscape/graph-sync.ts';
import { exposeTestHandle } from '../cytoscape/test-handle.ts';
import { captureView, type ViewCapture } from '../cytoscape/view-capture.ts';

cytoscape.use(fcose);

/** Focusing a node never zooms in further than this (a lone node would otherwise fill the screen). */
const FOCUS_MAX_ZOOM = 1.25;

/** Pans and zooms so the node and its neighbours fill the view. */
function focusNeighbourhood(cy: Core, id: string): void {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  const eles = node.closedNeighborhood(':visible');
  const bb = eles.boundingBox({});
  const padding = 80;
  const w = cy.width();
  const h = cy.height();
  const fit = Math.min((w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1));
  const zoom = Math.max(cy.minZoom(), Math.min(FOCUS_MAX_ZOOM, fit));
  const cx = (bb.x1 + bb.x2) / 2;
  const cyy = (bb.y1 + bb.y2) / 2;
  cy.animate({ zoom, pan: { x: w / 2 - zoom * cx, y: h / 2 - zoom * cyy } }, { duration: 300 });
}

/** Viewport commands for the toolbar. */
export interface Viewport {
  fit(): void;
  zoomBy(factor: number): void;
  relayout(): void;
  /** What is drawn, for exports. */
  capture: ViewCapture;
}

export interface GraphViewProps {
  view: ViewState;
  /** Where new nodes start (the node being expanded). */
  anchor: string | undefined;
  selected: string | null;
  focus: { id: string; n: number } | null;
  handlers: GraphEventHandlers;
  onViewport(viewport: Viewport | null): void;
}

export function GraphView({ view, anchor, selected, focus, handlers, onViewport }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  /** Layouts started and not yet stopped (a new one stops the previous, whose stop then arrives). */
  const layoutsRunning = useRef(0);
  /** A focus that arrived while a layout was running: applied when it stops, so the layout's fit does not undo it. */
  const pendingFocus = useRef<string | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const viewRef = useRef(view);
  viewRef.current = view;

  function startLayout(cy: Core, incremental: boolean): void {
    layoutsRunning.current++;
    void runLayout(cy, { incremental, pinned: viewRef.current.pinned }).finally(() => afterLayout(cy));
  }

  function afterLayout(cy: Core): void {
    layoutsRunning.current--;
    if (layoutsRunning.current > 0) return;
    const id = pendingFocus.current;
    pendingFocus.current = null;
    if (id !== null && !cy.destroyed()) focusNeighbourhood(cy, id);
  }

  useEffect(() => {
    const renderer = chooseRenderer(window.location.search, () => webgl2Available());
    container.current?.setAttribute('data-renderer', renderer);
    const cy = cytoscape({
      ...rendererOptions(renderer),
      container: container.current,
      style: graphStylesheet() as unknown as cytoscape.StylesheetJson,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      // A click selects one node; shift/ctrl-click and box selection add to the selection.
      selectionType: 'single',
    });
    cyRef.current = cy;
    const unbind = bindGraphEvents(cy, {
      onSelect: (id) => handlersRef.current.onSelect(id),
      onExpand: (id) => handlersRef.current.onExpand(id),
      onSelectionChange: (ids) => handlersRef.current.onSelectionChange(ids),
    });
    onViewport({
      fit: () => cy.animate({ fit: { eles: cy.elements(':visible'), padding: 40 }, duration: 250 }),
      zoomBy: (factor) => {
        const ext = cy.extent();
        cy.animate({
          zoom: {
            level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)),
            position: { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 },
          },
          duration: 150,
        });
      },
      relayout: () => startLayout(cy, false),
      capture: captureView(cy),
    });
    const unexpose = exposeTestHandle(cy, () => layoutsRunning.current > 0);
    // Panels open, close and resize without the window resizing: tell Cytoscape its box changed.
    const resized = new ResizeObserver(() => cy.resize());
    if (container.current) resized.observe(container.current);
    return () => {
      resized.disconnect();
      unexpose();
      unbind();
      onViewport(null);
      cy.destroy();
      cyRef.current = null;
      // A destroyed instance never reports its running layout as stopped.
      layoutsRunning.current = 0;
    };
  }, [onViewport]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const before = cy.nodes().length;
    const added = syncGraph(cy, view, anchor);
    if (added.length > 0) {
      startLayout(cy, before > 0 && added.length < cy.nodes().length);
    }
  }, [view, anchor]);

  // Keep Cytoscape's selection in line with the app's (a node chosen in a panel or by search).
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || selected === null) return;
    const node = cy.getElementById(selected);
    if (node.nonempty() && !node.selected()) {
      cy.nodes(':selected').unselect();
      node.select();
    }
  }, [selected]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focus) return;
    if (layoutsRunning.current > 0) pendingFocus.current = focus.id;
    else focusNeighbourhood(cy, focus.id);
  }, [focus]);

  return (
    <div
      className="graph-canvas"
      ref={container}
      data-testid="graph-canvas"
      aria-label="Graph of accounts and identifiers"
      role="img"
    />
  );
}
