/**
 * Browser side of bench/ui-render.ts: draws synthetic RingLens graphs with the app's own stylesheet and fCoSE layout,
 * and measures (1) the time to lay out and draw a 2,000-element neighbourhood, (2) frames per second while panning a
 * 10,000-element view, each with Cytoscape's canvas renderer and with its WebGL mode (3.31+).
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fcoseOptions } from '../../client/src/features/graph/cytoscape/graph-layout.ts';
import { graphStylesheet } from '../../client/src/features/graph/cytoscape/graph-style.ts';
import { rendererOptions } from '../../client/src/features/graph/cytoscape/renderer.ts';
import { IDENTIFIER_KINDS } from '../../contracts/vocabulary.ts';
import { mulberry32 } from '../../server/detect/rng.ts';

cytoscape.use(fcose);

/** Accounts each using 1–3 of a pool of shared identifiers, so that nodes + edges ≈ `elements`. */
export function syntheticGraph(elements: number, seed: number, positioned: boolean): ElementDefinition[] {
  const random = mulberry32(seed); // seeded: every run draws the same graph
  const identifiers = Math.round(elements * 0.07);
  const accounts = Math.round(elements * 0.33);
  const out: ElementDefinition[] = [];
  const side = Math.sqrt(elements) * 40;
  const pos = () => (positioned ? { position: { x: random() * side, y: random() * side } } : {});
  for (let i = 0; i < identifiers; i++) {
    const kind = IDENTIFIER_KINDS[i % IDENTIFIER_KINDS.length]!;
    out.push({
      group: 'nodes',
      data: {
        id: `${kind}:k${i}`,
        kind,
        key: `k${i}`,
        label: `${kind} k${i}`,
        accountLabel: null,
        sharers: 2 + (i % 40),
      },
      ...pos(),
    });
  }
  let edges = 0;
  const edgeTarget = elements - identifiers - accounts;
  for (let i = 0; i < accounts; i++) {
    const id = `account:a${i}`;
    out.push({
      group: 'nodes',
      data: {
        id,
        kind: 'account',
        key: `a${i}`,
        label: `acc-${i}`,
        accountLabel: i % 29 === 0 ? 'known_fraud' : 'unknown',
        sharers: null,
      },
      ...pos(),
    });
  }
  for (let i = 0; edges < edgeTarget; i = (i + 1) % accounts) {
    const j = Math.floor(random() * identifiers);
    const kind = IDENTIFIER_KINDS[j % IDENTIFIER_KINDS.length]!;
    const id = `uses:account:a${i}->${kind}:k${j}:${edges}`;
    out.push({
      group: 'edges',
      data: { id, source: `account:a${i}`, target: `${kind}:k${j}`, kind: 'uses', label: kind },
    });
    edges++;
  }
  return out;
}

export type Mode = 'canvas' | 'canvas-viewport' | 'webgl';

/**
 * canvas: the app's settings. canvas-viewport: plus Cytoscape's viewport optimisations (draw a cached texture and
 * hide edges while the user pans or zooms). webgl: Cytoscape's WebGL mode.
 */
function make(mode: Mode, elements: ElementDefinition[]): Core {
  const container = document.getElementById('cy')!;
  return cytoscape({
    container,
    elements,
    style: graphStylesheet() as unknown as cytoscape.StylesheetJson,
    layout: { name: 'preset' },
    ...(mode === 'canvas-viewport' ? { textureOnViewport: true, hideEdgesOnViewport: true } : {}),
    ...rendererOptions(mode === 'webgl' ? 'webgl' : 'canvas'),
  } as cytoscape.CytoscapeOptions);
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

export interface LayoutTiming {
  /** From adding the elements to the frame that shows the layout. */
  ms: number;
  /** Creating the empty view beforehand (not in `ms`). */
  mountMs: number;
  addMs: number;
  layoutMs: number;
  drawMs: number;
  nodes: number;
  edges: number;
}

/**
 * As in the app: the Cytoscape instance exists before the data arrives (the graph view creates it when it mounts),
 * so its creation is timed apart; the render time runs from adding the elements to the frame that shows the layout.
 */
async function layoutRun(mode: Mode, count: number): Promise<LayoutTiming> {
  const elements = syntheticGraph(count, 7, false);
  const m0 = performance.now();
  const cy = make(mode, []);
  await frame();
  const t0 = performance.now();
  cy.add(elements);
  const t1 = performance.now();
  await new Promise<void>((resolve) => {
    const layout = cy.layout({
      ...fcoseOptions(cy, { incremental: false, pinned: new Set() }),
      animate: false,
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
  const t2 = performance.now();
  // Wait for the frame that draws the result.
  await frame();
  await frame();
  const t3 = performance.now();
  const result = {
    ms: t3 - t0,
    mountMs: t0 - m0,
    addMs: t1 - t0,
    layoutMs: t2 - t1,
    drawMs: t3 - t2,
    nodes: cy.nodes().length,
    edges: cy.edges().length,
  };
  cy.destroy();
  return result;
}

let panCy: Core | undefined;
let counting: { frames: number; t0: number; running: boolean } | undefined;

/** Draws the large view, fitted, ready for the driver to drag it with the mouse. */
async function preparePan(mode: Mode, count: number): Promise<{ nodes: number; edges: number }> {
  panCy?.destroy();
  panCy = make(mode, syntheticGraph(count, 11, true));
  // A drag that starts on a node pans the view instead of moving the node.
  panCy.autoungrabify(true);
  panCy.fit(undefined, 20);
  await frame();
  await frame();
  return { nodes: panCy.nodes().length, edges: panCy.edges().length };
}

/**
 * Counts animation frames until stopped. Cytoscape redraws in its own requestAnimationFrame callback, so a slow
 * redraw during a drag lowers the frame rate this loop sees.
 */
function startCounting(): void {
  const c = { frames: 0, t0: performance.now(), running: true };
  counting = c;
  const tick = () => {
    if (!c.running) return;
    c.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopCounting(): { fps: number; frames: number } {
  const c = counting!;
  c.running = false;
  const seconds = (performance.now() - c.t0) / 1000;
  panCy?.destroy();
  panCy = undefined;
  return { fps: c.frames / seconds, frames: c.frames };
}

function webglAvailable(): boolean {
  const c = document.createElement('canvas');
  return c.getContext('webgl2') !== null;
}

declare global {
  interface Window {
    uiBench: {
      webgl2: boolean;
      layoutRun: typeof layoutRun;
      preparePan: typeof preparePan;
      startCounting: typeof startCounting;
      stopCounting: typeof stopCounting;
    };
  }
}

window.uiBench = { webgl2: webglAvailable(), layoutRun, preparePan, startCounting, stopCounting };
