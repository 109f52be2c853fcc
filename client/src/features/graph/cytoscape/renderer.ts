/**
 * Which Cytoscape renderer draws the graph view. bench/ui-render.ts measures both in headless Chromium on this
 * project's stylesheet: Cytoscape's WebGL mode (3.31+) pans a 10,000-element view at a higher frame rate than the
 * canvas renderer, even on a software GPU, and lays out and draws a 2,000-element neighbourhood in about the same
 * time (the layout dominates). So the view uses WebGL mode where the browser offers WebGL2, and the canvas renderer
 * elsewhere. `?renderer=canvas` in the address forces the canvas renderer (a broken graphics driver); exports
 * (PNG, SVG) draw through the canvas code either way.
 */
import type { CytoscapeOptions } from 'cytoscape';

export type RendererName = 'webgl' | 'canvas';

/** The renderer for this page: canvas when `?renderer=canvas` asks for it, else WebGL when available. */
export function chooseRenderer(search: string, webgl2Available: () => boolean): RendererName {
  if (new URLSearchParams(search).get('renderer') === 'canvas') return 'canvas';
  return webgl2Available() ? 'webgl' : 'canvas';
}

/** Whether the browser gives out a WebGL2 context (the probe's context is released at once). */
export function webgl2Available(doc: Document = document): boolean {
  try {
    const gl = doc.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/** Cytoscape options for a renderer (the same for the app and the benchmark harness). */
export function rendererOptions(name: RendererName): Partial<CytoscapeOptions> {
  return name === 'webgl' ? ({ renderer: { name: 'canvas', webgl: true } } as Partial<CytoscapeOptions>) : {};
}
