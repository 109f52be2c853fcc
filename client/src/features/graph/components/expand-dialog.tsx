/**
 * Asked before expanding a super-node: it has more neighbours than the threshold, so the user chooses what to load —
 * the most shared ones, one kind, or the first N — instead of the canvas filling with hundreds of nodes.
 */
import { useEffect, useRef, useState } from 'react';
import { NODE_KINDS } from '@contracts/vocabulary.ts';
import { formatCount } from '../../../lib/format.ts';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import type { ExpandOptions, SuperNodePrompt } from '../hooks/use-graph-controller.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';

const MAX_PAGE = 500;

export function ExpandDialog({
  prompt,
  onExpand,
  onCancel,
}: {
  prompt: SuperNodePrompt;
  onExpand(opts: ExpandOptions): void;
  onCancel(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [count, setCount] = useState(50);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const n = Math.max(1, Math.min(MAX_PAGE, Math.round(count) || 50));
  const kinds = NODE_KINDS.filter((k) => (prompt.countsByKind[k] ?? 0) > 0);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="expand-title"
      data-testid="expand-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="expand-title">Large neighbourhood</h2>
      <p>
        <strong>{prompt.node.label}</strong> has <strong>{formatCount(prompt.total)}</strong> neighbours — more than is
        useful to draw at once. Choose what to load:
      </p>
      <table className="counts">
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row">
                <KindSwatch kind={k} /> {KIND_STYLES[k].name}
              </th>
              <td>{formatCount(prompt.countsByKind[k])}</td>
              <td>
                <button type="button" onClick={() => onExpand({ kinds: [k], limit: n, confirmed: true })}>
                  Only these ({formatCount(Math.min(n, prompt.countsByKind[k] ?? 0))})
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field field--inline">
        How many
        <input
          type="number"
          min={1}
          max={MAX_PAGE}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          aria-describedby="expand-hint"
        />
      </label>
      <p id="expand-hint" className="hint">
        At most {MAX_PAGE} per step; “Show more” in the details panel loads the next ones.
      </p>
      <div className="dialog__actions">
        <button
          type="button"
          className="primary"
          onClick={() => onExpand({ order: 'shared', limit: n, confirmed: true })}
        >
          The {n} most shared
        </button>
        <button type="button" onClick={() => onExpand({ order: 'kind', limit: n, confirmed: true })}>
          The first {n}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
