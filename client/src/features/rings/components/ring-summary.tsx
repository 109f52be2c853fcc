/**
 * The opened ring in the side panel: why it scored, who is in it, what changed since the last run, and below it the
 * case file the page gives (`caseFile`: disposition, tags, notes), whose live disposition is `status`.
 */
import { formatDate, plural } from '../../../lib/format.ts';
import type { ReactNode } from 'react';
import type { RingDetail } from '../api/get-ring.ts';
import { ChangeBadge, ScoreBar, StatusBadge } from '../../../components/ring-badges.tsx';

export function RingSummary({
  ring,
  status,
  caseFile,
  onSelectAccount,
}: {
  ring: RingDetail;
  /** The ring's disposition, as its case file has it now. */
  status: string;
  caseFile: ReactNode;
  onSelectAccount(id: string): void;
}) {
  const fraud = ring.members.filter((m) => m.label === 'known_fraud').length;
  return (
    <article className="panel-section" aria-labelledby="ring-title" data-testid="ring-summary">
      <header className="details__header">
        <h2 id="ring-title">Ring {ring.id}</h2>
        <div className="details__badges">
          <ScoreBar score={ring.score} />
          <StatusBadge status={status} />
          <ChangeBadge change={ring.change} />
        </div>
      </header>
      <p className="muted">
        {plural(ring.size, 'member')}
        {fraud > 0 && <strong className="fraud-text"> · ⚠ {plural(fraud, 'known fraud account')}</strong>} · last seen{' '}
        {formatDate(ring.lastSeenAt)}
      </p>
      <h3>Why it scored</h3>
      <ul className="reasons-list">
        {ring.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {(ring.joined.length > 0 || ring.left.length > 0) && (
        <>
          <h3>Since the previous run</h3>
          {ring.joined.length > 0 && (
            <p>
              <span className="delta delta--up">Joined:</span>{' '}
              {ring.joined.map((id) => (
                <button key={id} type="button" className="link" onClick={() => onSelectAccount(id)}>
                  {id}
                </button>
              ))}
            </p>
          )}
          {ring.left.length > 0 && (
            <p>
              <span className="delta delta--down">Left:</span> {ring.left.join(', ')}
            </p>
          )}
        </>
      )}
      {ring.history.length > 1 && (
        <>
          <h3>Size over runs</h3>
          <ol className="history">
            {ring.history.map((h) => (
              <li key={h.runId} title={h.runId}>
                {h.size}
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>Members</h3>
      <ul className="member-list">
        {ring.members.map((m) => (
          <li key={m.id}>
            <button type="button" className="link" onClick={() => onSelectAccount(m.id)}>
              {m.label === 'known_fraud' ? '⚠ ' : ''}
              {m.id}
            </button>
            <span className="muted small">
              {' '}
              {[m.type, m.country, m.createdAt ? `since ${formatDate(m.createdAt)}` : null].filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {ring.evidence.truncated && (
        <p className="hint">The evidence list is truncated; expand nodes to see every link.</p>
      )}
      {caseFile}
    </article>
  );
}
