/**
 * The side panel for the selected node: what it is, its details from the API, actions (expand, show more, hide,
 * pin, use in "Why linked?") and, for an account, the case file the page gives (`caseFile`).
 */
import { NODE_KINDS } from '@contracts/vocabulary.ts';
import type { ReactNode } from 'react';
import { formatCount, plural } from '../../../lib/format.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import type { GraphController } from '../../graph/hooks/use-graph-controller.ts';
import { useNodeDetails } from '../api/get-node-details.ts';
import { AccountDetails } from './account-details.tsx';
import { IdentifierDetails } from './identifier-details.tsx';

export function DetailsPanel({
  nodeId,
  graph,
  caseFile,
  onOpenRing,
  onLinkEnd,
}: {
  nodeId: string;
  graph: GraphController;
  /** The case file of an account (by its key). */
  caseFile(accountKey: string): ReactNode;
  onOpenRing(id: string): void;
  onLinkEnd(end: 'from' | 'to', accountId: string): void;
}) {
  const { data, error, loading } = useNodeDetails(nodeId);
  const { state, actions } = graph;
  const doc = state.history.present.doc;
  const node = doc.nodes.get(nodeId);
  const expansion = doc.expansions.get(nodeId);
  const pinned = state.pinned.has(nodeId);
  const kind = node?.kind ?? data?.kind;
  return (
    <article className="panel-section details" aria-labelledby="details-title" data-testid="details-panel">
      <header className="details__header">
        <h2 id="details-title" className="details__title">
          {kind && <KindSwatch kind={kind} />}
          <span>{node?.label ?? data?.label ?? nodeId}</span>
        </h2>
        <span className="muted small">{kind ? KIND_STYLES[kind].name : ''}</span>
      </header>
      <div className="details__actions">
        <button type="button" className="primary" onClick={() => void actions.expand(nodeId)}>
          Expand
        </button>
        {expansion?.nextCursor && (
          <button type="button" onClick={() => void actions.showMore(nodeId)} data-testid="show-more">
            Show more ({formatCount(expansion.loaded)} of {formatCount(expansion.matching)})
          </button>
        )}
        <button type="button" onClick={() => actions.hide([nodeId])}>
          Hide
        </button>
        <button type="button" aria-pressed={pinned} onClick={() => actions.pin([nodeId], !pinned)}>
          {pinned ? 'Unpin' : 'Pin'}
        </button>
        {kind === 'account' && node && (
          <>
            <button
              type="button"
              onClick={() => onLinkEnd('from', node.key)}
              title="Use as the first account in Why linked?"
            >
              Link from
            </button>
            <button
              type="button"
              onClick={() => onLinkEnd('to', node.key)}
              title="Use as the second account in Why linked?"
            >
              Link to
            </button>
          </>
        )}
      </div>
      {loading && !data && <p className="muted">Loading details…</p>}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {data && (
        <>
          <p className="muted small degree">
            Neighbours:{' '}
            {NODE_KINDS.filter((k) => (data.degreeByKind[k] ?? 0) > 0)
              .map((k) => plural(data.degreeByKind[k] ?? 0, ...KIND_STYLES[k].noun))
              .join(' · ') || 'none'}
          </p>
          {data.kind === 'account' ? (
            <AccountDetails
              account={data}
              onOpenRing={onOpenRing}
              onOpenNode={(id) => {
                if (doc.nodes.has(id)) actions.select(id, true);
                else void actions.expand(nodeId, { kinds: [id.split(':')[0]!], confirmed: true });
              }}
            />
          ) : (
            <IdentifierDetails identifier={data} onOpenRing={onOpenRing} />
          )}
        </>
      )}
      {data?.kind === 'account' && caseFile(data.key)}
    </article>
  );
}
