/**
 * The exported PNG as a figure: the canvas drawing framed by a title band above (what the view is, when it was
 * exported) and a legend of only the kinds and marks drawn below, on a canvas extended for them, so neither covers a
 * node. `figureLayout` is the pure geometry (unit-tested); `composeFigure` paints it in the browser.
 */
import { FRAUD_BORDER, legendEntries, shapePoints, type LegendEntry } from '@contracts/kind-styles.ts';

/** In drawing units (multiplied by the export's scale). */
export const FIGURE = {
  titleBand: 52,
  legendRow: 22,
  legendGap: 14,
  margin: 16,
  /** A narrow drawing (a 3-node ring) still gets a figure wide enough for its title and legend. */
  minWidth: 560,
  separator: '#E4E7EB',
} as const;

export interface FigureItem {
  entry: LegendEntry;
  x: number;
  y: number;
}

export interface FigureLayout {
  width: number;
  height: number;
  graph: { x: number; y: number; width: number; height: number };
  /** The separator line between the drawing and the legend. */
  separatorY: number;
  items: FigureItem[];
}

/** Rough text width at 12 px (the legend's size): enough to flow items into rows without measuring. */
const itemWidth = (e: LegendEntry) => 24 + e.name.length * 6.8 + 18;

export function figureLayout(graphWidth: number, graphHeight: number, scale: number, entries: LegendEntry[]) {
  const width = Math.max(graphWidth, Math.round(FIGURE.minWidth * scale));
  const graph = {
    x: Math.round((width - graphWidth) / 2),
    y: Math.round(FIGURE.titleBand * scale),
    width: graphWidth,
    height: graphHeight,
  };
  const separatorY = graph.y + graphHeight + Math.round((FIGURE.legendGap / 2) * scale);
  const top = graph.y + graphHeight + FIGURE.legendGap * scale;
  let x = FIGURE.margin * scale;
  let row = 0;
  const items = entries.map((entry) => {
    const w = itemWidth(entry) * scale;
    if (x + w > width - FIGURE.margin * scale && x > FIGURE.margin * scale) {
      row++;
      x = FIGURE.margin * scale;
    }
    const item = { entry, x, y: top + row * FIGURE.legendRow * scale };
    x += w;
    return item;
  });
  const height = Math.ceil(top + (entries.length ? (row + 1) * FIGURE.legendRow * scale : 0) + 6 * scale);
  return { width, height, graph, separatorY, items } satisfies FigureLayout;
}

/** What the figure says and shows: its title, a second line, and which kinds and marks are drawn. */
export interface FigureMeta {
  title: string;
  subtitle: string;
  shown: Parameters<typeof legendEntries>[0];
}

function swatch(ctx: CanvasRenderingContext2D, e: LegendEntry, x: number, y: number, s: number): void {
  ctx.save();
  if (e.id === 'paid') {
    ctx.strokeStyle = e.color;
    ctx.fillStyle = e.color;
    ctx.lineWidth = 2.5 * s;
    ctx.beginPath();
    ctx.moveTo(x, y + 7 * s);
    ctx.lineTo(x + 10 * s, y + 7 * s);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x + 9 * s, y + 3 * s);
    ctx.lineTo(x + 15 * s, y + 7 * s);
    ctx.lineTo(x + 9 * s, y + 11 * s);
    ctx.fill();
  } else {
    const cx = x + 7 * s;
    const cy = y + 7 * s;
    const r = 6.5 * s;
    const corners = 'shape' in e ? shapePoints(e.shape, cx, cy, r) : null;
    ctx.beginPath();
    if (corners) corners.forEach(([px, py], i) => (i ? ctx.lineTo(px, py) : ctx.moveTo(px, py)));
    else if ('shape' in e && e.shape === 'round-rectangle') ctx.roundRect(cx - r, cy - r, 2 * r, 2 * r, r / 2);
    else ctx.arc(cx, cy, 'border' in e ? r * 0.8 : r, 0, 2 * Math.PI);
    ctx.closePath();
    ctx.fillStyle = e.color;
    ctx.fill();
    if ('border' in e) {
      ctx.strokeStyle = e.border;
      ctx.lineWidth = e.borderWidth * s;
      ctx.stroke();
    }
  }
  ctx.restore();
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The drawing could not be turned into an image.'));
    img.src = src;
  });
}

/** Paints the figure around the drawing (a PNG data URI at `scale`) and returns the canvas. */
export async function composeFigure(drawing: string, scale: number, meta: FigureMeta): Promise<HTMLCanvasElement> {
  const img = await loadImage(drawing);
  const layout = figureLayout(img.naturalWidth, img.naturalHeight, scale, legendEntries(meta.shown));
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the PNG (no 2D canvas).');
  const s = scale;
  const font = 'Inter, "DejaVu Sans", system-ui, sans-serif';
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#1F2933';
  ctx.font = `bold ${16 * s}px ${font}`;
  ctx.fillText(meta.title, FIGURE.margin * s, 24 * s, layout.width - 2 * FIGURE.margin * s);
  ctx.fillStyle = '#52606D';
  ctx.font = `${12 * s}px ${font}`;
  ctx.fillText(meta.subtitle, FIGURE.margin * s, 42 * s, layout.width - 2 * FIGURE.margin * s);
  ctx.drawImage(img, layout.graph.x, layout.graph.y);
  ctx.fillStyle = FIGURE.separator;
  ctx.fillRect(0, layout.separatorY, layout.width, Math.max(1, Math.round(s)));
  ctx.font = `${12 * s}px ${font}`;
  for (const item of layout.items) {
    swatch(ctx, item.entry, item.x, item.y, s);
    ctx.fillStyle = item.entry.id === 'known_fraud' ? FRAUD_BORDER.color : '#1F2933';
    ctx.fillText(item.entry.name, item.x + 22 * s, item.y + 11 * s);
  }
  return canvas;
}

export function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
}
