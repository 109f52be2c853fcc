/**
 * What is drawn on the canvas, for exports: a high-resolution PNG of the whole drawing (not only the part scrolled
 * into view) framed by a title and a legend of the kinds drawn (lib/figure.ts), and the drawn elements as
 * Cytoscape JSON. Hidden nodes are not drawn, so they are not exported either.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import { canvasBlob, composeFigure } from '../../../lib/figure.ts';

/** The PNG's scale over the drawing's own size (3× reads well when printed or zoomed into). */
export const PNG_SCALE = 3;
/** Browsers refuse canvases much larger than this on a side; big drawings get a lower scale. */
export const PNG_MAX_SIDE = 8192;
/** The drawing's share of that, leaving room for the title band and the legend. */
const DRAWING_MAX_SIDE = Math.floor(PNG_MAX_SIDE * 0.9);

/** The PNG's title lines; the legend comes from what is drawn. */
export interface PngHeading {
  title: string;
  subtitle: string;
}

export interface DrawnElements {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
}

export interface ViewCapture {
  /** True when nothing is drawn. */
  isEmpty(): boolean;
  /** The PNG figure, base64 without a data: prefix (what POST /api/rings/:id/export takes). */
  pngBase64(heading: PngHeading): Promise<string>;
  pngBlob(heading: PngHeading): Promise<Blob>;
  elements(): DrawnElements;
}

function pngOptions(cy: Core) {
  const bb = cy.elements(':visible').boundingBox({});
  const scale = Math.min(PNG_SCALE, DRAWING_MAX_SIDE / Math.max(bb.w, 1), DRAWING_MAX_SIDE / Math.max(bb.h, 1));
  // With `scale` given, maxWidth/maxHeight only stop Cytoscape from multiplying by the screen's pixel ratio, so the
  // file is the same size on every display.
  return { full: true, scale, maxWidth: DRAWING_MAX_SIDE, maxHeight: DRAWING_MAX_SIDE, bg: '#ffffff' };
}

/** The drawing as a figure: title band, the drawing, a legend of the kinds and marks on screen. */
function figure(cy: Core, heading: PngHeading): Promise<HTMLCanvasElement> {
  const options = pngOptions(cy);
  const nodes = cy.nodes(':visible');
  return composeFigure(cy.png({ ...options, output: 'base64uri' }), options.scale, {
    ...heading,
    shown: {
      kinds: nodes.map((n) => String(n.data('kind'))),
      knownFraud: nodes.some((n) => n.data('accountLabel') === 'known_fraud'),
      legit: nodes.some((n) => n.data('accountLabel') === 'legit'),
      paid: cy.edges(':visible').some((e) => e.data('kind') === 'paid'),
    },
  });
}

function definition(json: ElementDefinition): ElementDefinition {
  const { group, data, position, classes } = json;
  return { group, data, ...(group === 'nodes' ? { position } : {}), ...(classes ? { classes } : {}) };
}

export function captureView(cy: Core): ViewCapture {
  return {
    isEmpty: () => cy.elements(':visible').empty(),
    pngBase64: async (heading) =>
      (await figure(cy, heading)).toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
    pngBlob: async (heading) => canvasBlob(await figure(cy, heading)),
    elements: () => {
      const drawn = cy.elements(':visible');
      return {
        nodes: drawn.nodes().map((n) => definition(n.json() as ElementDefinition)),
        edges: drawn.edges().map((e) => definition(e.json() as ElementDefinition)),
      };
    },
  };
}
