import { NODE_KINDS, type NodeKind } from '../../../../../server/investigate/element-ids.ts';
import {
  FRAUD_BORDER,
  FRAUD_MARK,
  KIND_STYLES,
  LEGIT_BORDER,
  PAYMENT_COLOR,
  type NodeShape,
} from '../cytoscape/graph-style.ts';

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

/** What the shapes, colours and marks mean: a strip under the canvas, so it never covers a node. */
export function GraphLegend() {
  return (
    <details className="legend" open data-testid="graph-legend">
      <summary>Legend</summary>
      <ul>
        {NODE_KINDS.map((kind) => (
          <li key={kind}>
            <KindSwatch kind={kind} />
            {KIND_STYLES[kind].name}
          </li>
        ))}
        <li>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="swatch">
            <circle
              cx="8"
              cy="8"
              r="5.5"
              fill={KIND_STYLES.account.color}
              stroke={FRAUD_BORDER.color}
              strokeWidth="3"
            />
          </svg>
          {FRAUD_MARK} Known fraud
        </li>
        <li>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="swatch">
            <circle cx="8" cy="8" r="6" fill={KIND_STYLES.account.color} stroke={LEGIT_BORDER} strokeWidth="2.5" />
          </svg>
          Known legit
        </li>
        <li>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="swatch">
            <line x1="1" y1="8" x2="11" y2="8" stroke={PAYMENT_COLOR} strokeWidth="2.5" />
            <polygon points="10,4 16,8 10,12" fill={PAYMENT_COLOR} />
          </svg>
          Money paid
        </li>
      </ul>
      <p className="legend__note">Identifier size grows with how many accounts share it.</p>
    </details>
  );
}
