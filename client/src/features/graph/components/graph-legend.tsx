import { NODE_KINDS } from '@contracts/vocabulary.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';
import { FRAUD_BORDER, FRAUD_MARK, KIND_STYLES, LEGIT_BORDER, PAYMENT_COLOR } from '@contracts/kind-styles.ts';

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
