/**
 * "Why linked?": the shortest paths between two accounts through shared identifiers (and, optionally, payments),
 * drawn into the graph and highlighted, each shared identifier with its rarity — an identifier only two accounts use
 * is strong evidence, one that thousands use (a public IP) is not.
 */
import { useState } from 'react';
import type { PathsResponse } from '@contracts/investigate.ts';
import { formatMoney, plural } from '../../../lib/format.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';
import type { GraphController } from '../../graph/hooks/use-graph-controller.ts';
import { getPaths } from '../api/get-paths.ts';
import { useAccountSuggestions } from '../api/suggest-accounts.ts';

function rarity(sharers: number | null): { text: string; level: 'rare' | 'uncommon' | 'common' } {
  const n = sharers ?? 0;
  if (n <= 3) return { text: `rare: ${plural(n, 'account')}`, level: 'rare' };
  if (n <= 20) return { text: `uncommon: ${plural(n, 'account')}`, level: 'uncommon' };
  return { text: `common: ${plural(n, 'account')}`, level: 'common' };
}

export interface LinkEnds {
  from: string;
  to: string;
}

export function WhyLinked({
  graph,
  ends,
  onEndsChange,
}: {
  graph: GraphController;
  ends: LinkEnds;
  onEndsChange(ends: LinkEnds): void;
}) {
  const [maxHops, setMaxHops] = useState(4);
  const [includePaid, setIncludePaid] = useState(true);
  const [result, setResult] = useState<PathsResponse | null>(null);
  const { actions } = graph;
  const fromOptions = useAccountSuggestions(ends.from);
  const toOptions = useAccountSuggestions(ends.to);

  const find = () =>
    actions.run('Finding paths…', async () => {
      setResult(null);
      const res = await getPaths({ from: ends.from.trim(), to: ends.to.trim(), maxHops, includePaid });
      setResult(res);
      if (res.paths.length > 0) {
        actions.addElements(res, `Why linked ${ends.from} ↔ ${ends.to}`);
        actions.setHighlight({
          nodes: new Set(res.paths.flatMap((p) => p.nodes)),
          edges: new Set(res.paths.flatMap((p) => p.edges)),
        });
      }
    });

  return (
    <section className="panel-section why" aria-labelledby="why-title" data-testid="why-linked">
      <h2 id="why-title">Why linked?</h2>
      <form
        className="why__form"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label className="field">
          From account
          <input
            value={ends.from}
            list="why-from-options"
            autoComplete="off"
            onChange={(e) => onEndsChange({ ...ends, from: e.target.value })}
            required
          />
        </label>
        <label className="field">
          To account
          <input
            value={ends.to}
            list="why-to-options"
            autoComplete="off"
            onChange={(e) => onEndsChange({ ...ends, to: e.target.value })}
            required
          />
        </label>
        <datalist id="why-from-options" data-testid="why-from-options">
          {fromOptions.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <datalist id="why-to-options">
          {toOptions.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <div className="why__options">
          <label className="field field--inline">
            Max hops
            <select value={maxHops} onChange={(e) => setMaxHops(Number(e.target.value))}>
              {[2, 3, 4, 5, 6].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={includePaid} onChange={(e) => setIncludePaid(e.target.checked)} /> Payments
          </label>
          <button type="submit" className="primary" disabled={!ends.from.trim() || !ends.to.trim()}>
            Find paths
          </button>
        </div>
      </form>
      {result && result.paths.length === 0 && (
        <p className="muted" role="status">
          No link within {result.maxHops} hops.
        </p>
      )}
      {result && result.paths.length > 0 && (
        <div role="status" data-testid="paths-result">
          <p className="small">
            {result.paths.length === 1 ? 'One shortest path' : `${result.paths.length} shortest paths`} of{' '}
            {result.length} hops:
          </p>
          <ol className="paths">
            {result.paths.map((p) => (
              <li key={p.edges.join('|')}>
                <ol className="steps">
                  {p.steps.map((s) => (
                    <li key={s.edges.join('|')}>
                      <span className="mono small">{s.from.slice('account:'.length)}</span>
                      {s.via ? (
                        <span className="via">
                          {' '}
                          — <KindSwatch kind={s.via.kind} size={12} /> {s.via.label}{' '}
                          <span className={`rarity rarity--${rarity(s.via.sharers).level}`}>
                            {rarity(s.via.sharers).text}
                          </span>{' '}
                          —{' '}
                        </span>
                      ) : (
                        <span className="via">
                          {s.paid?.source === s.from ? ' — paid ' : ' ← paid '}
                          {s.paid?.count ?? ''}×{' '}
                          {s.paid?.total != null ? formatMoney(s.paid.total, s.paid.currency) : s.paid?.currency}
                          {s.paid?.source === s.from ? ' → ' : ' — '}
                        </span>
                      )}
                      <span className="mono small">{s.to.slice('account:'.length)}</span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
