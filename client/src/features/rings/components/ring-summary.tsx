/**
 * The opened ring in the side panel: why it scored, who is in it, what changed since the last run, and below it the
 * case file the page gives (`caseFile`: disposition, tags, notes), whose live disposition is `status`.
 */
import { formatDate, plural } from '../../../lib/format.ts';
import type { ReactNode } from 'react';
import type { RingDetail } from '../api/get-ring.ts';
import { PairBadge } from '../../../components/pair-badge.tsx';
import { ChangeBadge, ScoreBar, StatusBadge } from '../../../components/ring-badges.tsx';
import { ScoreBreakdown } from './score-breakdown.tsx';

export const RING_TABS = ['Summary', 'Members', 'Case'] as const;
export type RingTab = (typeof RING_TABS)[number];

export function RingSummary({
  ring,
  status,
  caseFile,
  memberActions,
  onSelectAccount,
  tab,
  onTab,
}: {
  ring: RingDetail;
  /** Which tab shows (kept by the workbench, so it stays as rings change). */
  tab: RingTab;
  onTab(tab: RingTab): void;
  /** The ring's disposition, as its case file has it now. */
  status: string;
  caseFile: ReactNode;
  /** Bulk actions on every member (disposition, tags, expand, hide), at the top of the Members tab. */
  memberActions?: ReactNode;
  onSelectAccount(id: string): void;
}) {
  const fraud = ring.members.filter((m) => m.label === 'known_fraud').length;
  return (
    <article className="panel-section" aria-labelledby="ring-title" data-testid="ring-summary">
      <header className="details__header">
        <h2 id="ring-title">
          {ring.kind === 'pair' ? 'Pair' : 'Ring'} {ring.id}
        </h2>
        <div className="details__badges">
          <ScoreBar score={ring.score} />
          <PairBadge kind={ring.kind} />
          <StatusBadge status={status} />
          <ChangeBadge change={ring.change} />
        </div>
      </header>
      <p className="muted">
        {plural(ring.size, 'member')}
        {fraud > 0 && <strong className="fraud-text"> · ⚠ {plural(fraud, 'known fraud account')}</strong>} · last seen{' '}
        {formatDate(ring.lastSeenAt)}
      </p>
      <div className="tabs" role="tablist" aria-label="Ring">
        {RING_TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`ring-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`ring-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => onTab(t)}
            onKeyDown={(e) => {
              const i = RING_TABS.indexOf(t);
              const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
              if (next === null) return;
              e.preventDefault();
              const to = RING_TABS[(next + RING_TABS.length) % RING_TABS.length]!;
              onTab(to);
              document.getElementById(`ring-tab-${to}`)?.focus();
            }}
          >
            {t === 'Members' ? `Members (${ring.members.length})` : t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="ring-panel-Summary" aria-labelledby="ring-tab-Summary" hidden={tab !== 'Summary'}>
        <ScoreBreakdown ring={ring} />
        {(ring.joined.length > 0 || ring.left.length > 0) && (
          <>
            <h3>Since the previous run</h3>
            {ring.joined.length > 0 && (
              <p>
                <span className="delta delta--up">Joined:</span>{' '}
                {ring.joined.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <button type="button" className="link" onClick={() => onSelectAccount(id)}>
                      {id}
                    </button>
                  </span>
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
      </div>
      <div role="tabpanel" id="ring-panel-Members" aria-labelledby="ring-tab-Members" hidden={tab !== 'Members'}>
        {tab === 'Members' && memberActions}
        <h3>Members</h3>
        <ul className="member-list">
          {ring.members.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => onSelectAccount(m.id)}>
                {m.label === 'known_fraud' ? '⚠ ' : ''}
                {m.id}
              </button>{' '}
              <StatusBadge status={m.disposition} />
              <span className="muted small">
                {' '}
                {[m.type, m.country, m.createdAt ? `since ${formatDate(m.createdAt)}` : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
        {ring.evidence.truncated && (
          <p className="hint">The evidence list is truncated; expand nodes to see every link.</p>
        )}
      </div>
      <div role="tabpanel" id="ring-panel-Case" aria-labelledby="ring-tab-Case" hidden={tab !== 'Case'}>
        {caseFile}
      </div>
    </article>
  );
}
