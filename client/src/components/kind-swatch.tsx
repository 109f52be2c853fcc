/** A node kind's shape and colour as a small SVG, for the legend, search results and the details panel. */
import type { NodeKind } from '@contracts/vocabulary.ts';
import { KIND_STYLES, shapePoints } from '@contracts/kind-styles.ts';

export function KindSwatch({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  const s = KIND_STYLES[kind];
  const corners = shapePoints(s.shape, 8, 8, 7);
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="swatch">
      {corners ? (
        <polygon points={corners.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ')} fill={s.color} />
      ) : s.shape === 'ellipse' ? (
        <circle cx="8" cy="8" r="7" fill={s.color} />
      ) : (
        <rect x="1.5" y="2.5" width="13" height="11" rx="3" fill={s.color} />
      )}
    </svg>
  );
}
