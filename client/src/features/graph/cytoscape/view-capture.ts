/**
 * What is drawn on the canvas, for exports: a high-resolution PNG of the whole drawing (not only the part scrolled
 * into view) and the drawn elements as Cytoscape JSON. Hidden nodes are not drawn, so they are not exported either.
 */
import type { Core, ElementDefinition } from 'cytoscape';

/** The PNG's scale over the drawing's own size (3× reads well when printed or zoomed into). */
export const PNG_SCALE = 3;
/** Browsers refuse canvases much larger than this on a side; big drawings get a lower scale. */
export const PNG_MAX_SIDE = 8192;

export interface DrawnElements {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
}

export interface ViewCapture {
  /** True when nothing is drawn. */
  isEmpty(): boolean;
  /** The PNG, base64 without a data: prefix (what POST /api/rings/:id/export takes). */
  pngBase64(): string;
  pngBlob(): Blob;
  elements(): DrawnElements;
}

function pngOptions(cy: Core) {
  const bb = cy.elements(':visible').boundingBox({});
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(bb.w, 1), PNG_MAX_SIDE / Math.max(bb.h, 1));
  // With `scale` given, maxWidth/maxHeight only stop Cytoscape from multiplying by the screen's pixel ratio, so the
  // file is the same size on every display.
  return { full: true, scale, maxWidth: PNG_MAX_SIDE, maxHeight: PNG_MAX_SIDE, bg: '#ffffff' };
}

function definition(json: ElementDefinition): ElementDefinition {
  const { group, data, position, classes } = json;
  return { group, data, ...(group === 'nodes' ? { position } : {}), ...(classes ? { classes } : {}) };
}

export function captureView(cy: Core): ViewCapture {
  return {
    isEmpty: () => cy.elements(':visible').empty(),
    pngBase64: () => cy.png({ ...pngOptions(cy), output: 'base64' }),
    pngBlob: () => cy.png({ ...pngOptions(cy), output: 'blob' }),
    elements: () => {
      const drawn = cy.elements(':visible');
      return {
        nodes: drawn.nodes().map((n) => definition(n.json() as ElementDefinition)),
        edges: drawn.edges().map((e) => definition(e.json() as ElementDefinition)),
      };
    },
  };
}
