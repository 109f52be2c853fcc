/**
 * The Cytoscape canvas. It owns the Cytoscape instance and wires the three jobs kept in separate modules, as in
 * sigma.js: style (cytoscape/graph-style.ts), data (cytoscape/graph-sync.ts keeps the canvas equal to the view
 * state) and events (cytoscape/graph-events.ts turns clicks into intents). Layout runs when nodes were added.
 */
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef, useState } from 'react';
import { bindGraphEvents, type GraphEventHandlers } from '../cytoscape/graph-events.ts';
import { FIT_MAX_ZOOM, runLayout, type LayoutName } from '../cytoscape/graph-layout.ts';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import { formatCount, plural } from '../../../lib/format.ts';
import { chooseRenderer, rendererOptions, webgl2Available } from '../cytoscape/renderer.ts';
import { graphStylesheet } from '../cytoscape/graph-style.ts';
import { syncGraph, type ViewState } from '../cytoscape/graph-sync.ts';
import { isSynthetic } from '../cytoscape/graph-groups.ts';
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

/** Fits the visible graph, never zooming in past FIT_MAX_ZOOM (a 3-node ring keeps normal-sized nodes). */
function fitCapped(cy: Core, animate: boolean): void {
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  const bb = eles.boundingBox({});
  const padding = 40;
  const w = cy.width();
  const h = cy.height();
  const fit = Math.min((w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1));
  const zoom = Math.max(cy.minZoom(), Math.min(FIT_MAX_ZOOM, fit));
  const pan = { x: w / 2 - zoom * ((bb.x1 + bb.x2) / 2), y: h / 2 - zoom * ((bb.y1 + bb.y2) / 2) };
  if (animate) cy.animate({ zoom, pan }, { duration: 250 });
  else cy.viewport({ zoom, pan });
}

interface Tip {
  x: number;
  y: number;
  title: string;
  lines: string[];
}

/** What the hover card says about a node. */
function describe(n: cytoscape.NodeSingular): Omit<Tip, 'x' | 'y'> {
  const kind = n.data('kind') as string;
  const label = String(n.data('label') ?? n.id());
  const links = n.connectedEdges(':visible').length;
  if (kind === 'group') return { title: label, lines: ['Double-click to expand or collapse'] };
  const lines: string[] = [];
  if (kind === 'account') {
    const l = n.data('accountLabel') as string | null;
    if (l === 'known_fraud') lines.push('⚠ known fraud');
    else if (l === 'legit') lines.push('known legit');
  } else {
    const sharers = n.data('sharers') as number | null;
    if (sharers !== null) lines.push(`shared by ${plural(sharers, 'account')}`);
  }
  lines.push(`${formatCount(links)} ${links === 1 ? 'link' : 'links'} on screen`);
  const name = (KIND_STYLES as Record<string, { name: string } | undefined>)[kind]?.name ?? kind;
  return { title: label, lines: [name, ...lines] };
}

/** Viewport commands for the toolbar. */
export interface Viewport {
  fit(): void;
  zoomBy(factor: number): void;
  relayout(): void;
  /** Where a node is drawn, in the canvas's coordinates (null when it is not). */
  nodePosition(id: string): { x: number; y: number } | null;
  /** Where every node of the document is (graph coordinates, hidden ones too), for saved views. */
  positions(): Record<string, { x: number; y: number }>;
  /** What is drawn, for exports. */
  capture: ViewCapture;
}

export interface GraphViewProps {
  view: ViewState;
  /** Where new nodes start (the node being expanded). */
  anchor: string | undefined;
  selected: string | null;
  /** The nodes selected together (box, shift-click, or chosen elsewhere: a ring's members, a node's neighbours). */
  selection: readonly string[];
  focus: { id: string; n: number } | null;
  handlers: GraphEventHandlers;
  onViewport(viewport: Viewport | null): void;
  layout: LayoutName;
  /** Bumped when the user picks a layout: the whole graph is laid out again. */
  layoutRun: number;
}

export function GraphView({
  view,
  anchor,
  selected,
  selection,
  focus,
  handlers,
  onViewport,
  layout,
  layoutRun,
}: GraphViewProps) {
  const [tip, setTip] = useState<Tip | null>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
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
    const name = layoutRef.current;
    // Only the force layout settles new nodes among old ones; the structured ones lay everything out again.
    const req = { incremental: incremental && name === 'force', pinned: viewRef.current.pinned, name };
    void runLayout(cy, { ...req, root: selectedRef.current }).finally(() => afterLayout(cy));
  }

  function afterLayout(cy: Core): void {
    layoutsRunning.current--;
    if (layoutsRunning.current > 0) return;
    if (!cy.destroyed() && cy.zoom() > FIT_MAX_ZOOM) fitCapped(cy, false);
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
      onContextMenu: (id, at) => handlersRef.current.onContextMenu?.(id, at),
    });
    // The canvas's own menu replaces the browser's (a right-click on the background does nothing).
    const noBrowserMenu = (e: MouseEvent) => e.preventDefault();
    const box = container.current;
    box?.addEventListener('contextmenu', noBrowserMenu);
    onViewport({
      fit: () => fitCapped(cy, true),
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
      nodePosition: (id) => {
        const n = cy.getElementById(id);
        return n.nonempty() && n.visible() ? n.renderedPosition() : null;
      },
      positions: () =>
        Object.fromEntries(
          cy
            .nodes()
            .map((n) => [n.id(), { ...n.position() }] as const)
            .filter(([id]) => !isSynthetic(id)),
        ),
      capture: captureView(cy),
    });
    // Hover: a card about the node, and its neighbourhood stands out (labels on) while the rest steps back.
    const over = (e: cytoscape.EventObject) => {
      const n = e.target as cytoscape.NodeSingular;
      const near = n.closedNeighborhood();
      cy.batch(() => {
        cy.elements().not(near).addClass('faint');
        near.addClass('near');
      });
      const p = n.renderedPosition();
      setTip({ x: p.x, y: p.y - n.renderedOuterHeight() / 2, ...describe(n) });
    };
    const out = () => {
      cy.batch(() => cy.elements().removeClass('faint near'));
      setTip(null);
    };
    cy.on('mouseover', 'node', over);
    cy.on('mouseout', 'node', out);
    cy.on('viewport drag', out);
    // Leaving the canvas straight from a node sends Cytoscape no mouseout.
    container.current?.addEventListener('mouseleave', out);
    const unexpose = exposeTestHandle(cy, () => layoutsRunning.current > 0);
    // Panels open, close and resize without the window resizing: tell Cytoscape its box changed.
    const resized = new ResizeObserver(() => cy.resize());
    if (container.current) resized.observe(container.current);
    return () => {
      box?.removeEventListener('contextmenu', noBrowserMenu);
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
    if (added.length === 0) return;
    // A saved view's nodes are drawn where they were: no layout, only a fit.
    if (view.positions && added.every((id) => view.positions!.has(id))) fitCapped(cy, false);
    else startLayout(cy, before > 0 && added.length < cy.nodes().length);
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

  // A selection made outside the canvas (select a ring's members, a node's neighbours) is shown on it.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const now = cy.nodes(':selected').map((n) => n.id());
    if (now.length === selection.length && selection.every((id) => now.includes(id))) return;
    cy.batch(() => {
      cy.nodes(':selected').unselect();
      for (const id of selection) cy.getElementById(id).select();
    });
  }, [selection]);

  // A new layout choice lays the whole graph out again (a saved view's layout only names what it was drawn with).
  useEffect(() => {
    if (layoutRun === 0) return;
    const cy = cyRef.current;
    if (cy && cy.nodes().nonempty()) startLayout(cy, false);
  }, [layoutRun]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focus) return;
    if (layoutsRunning.current > 0) pendingFocus.current = focus.id;
    else focusNeighbourhood(cy, focus.id);
  }, [focus]);

  return (
    <>
      <div
        className="graph-canvas"
        ref={container}
        data-testid="graph-canvas"
        aria-label="Graph of accounts and identifiers"
        role="img"
      />
      {tip && (
        <div className="graph-tip" role="tooltip" data-testid="graph-tooltip" style={{ left: tip.x, top: tip.y }}>
          <strong>{tip.title}</strong>
          {tip.lines.map((l) => (
            <span key={l}>{l}</span>
          ))}
        </div>
      )}
    </>
  );
}
