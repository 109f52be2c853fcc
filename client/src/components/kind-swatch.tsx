/** A node kind's shape and colour as a small SVG, for the legend, search results and the details panel. */
import type { NodeKind } from '@contracts/vocabulary.ts';
import { KIND_STYLES, type NodeShape } from '@contracts/kind-styles.ts';

/** SVG outlines matching Cytoscape's node shapes, for the legend. */
function shapePath(shape: NodeShape): string {
  const poly = (n: number, rot = -Math.PI / 2) =>
    Array.from({ length: n }, (_, i) => {
      const a = rot + (i * 2 * Math.PI) / n;
      return `${(8 + 7 * Math.cos(a)).toFixed(2)},${(8 + 7 * Math.sin(a)).toFixed(2)}`;
    }).join(' ');
  switch (shape) {
    case 'ellipse':
      return 'circle';
    case 'round-rectangle':
      return 'rect';
    case 'diamond':
      return poly(4);
    case 'hexagon':
      return poly(6, 0);
    case 'round-triangle':
      return poly(3);
    case 'pentagon':
      return poly(5);
    case 'octagon':
      return poly(8, Math.PI / 8);
  }
}

export function KindSwatch({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  const s = KIND_STYLES[kind];
  const path = shapePath(s.shape);
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="swatch">
      {path === 'circle' ? (
        <circle cx="8" cy="8" r="7" fill={s.color} />
      ) : path === 'rect' ? (
        <rect x="1.5" y="2.5" width="13" height="11" rx="3" fill={s.color} />
      ) : (
        <polygon points={path} fill={s.color} />
      )}
    </svg>
  );
}
