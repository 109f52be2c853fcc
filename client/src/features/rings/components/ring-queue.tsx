/**
 * The ring queue: rings to review, with score, size, status (disposition, assignee, tags), change since the last run
 * and the top reasons. Keyboard:
 * the table is one tab stop; ↑/↓ (and Home/End, PageUp/PageDown for pages) move between rings, Enter opens one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate, plural } from '../../../lib/format.ts';
import { DEFAULT_RING_QUERY, useRings, type RingQuery, type RingSort } from '../api/get-rings.ts';
import { ChangeBadge, ScoreBar, StatusBadge } from '../../../components/ring-badges.tsx';
import { RingFilters } from './ring-filters.tsx';

export function RingQueue({
  openRingId,
  onOpen,
  username,
  refresh,
}: {
  openRingId: string | null;
  onOpen(id: string): void;
  /** The signed-in user, for the "Mine" filter. */
  username: string;
  /** Changes when a case changed elsewhere in the app, so the queue reads again. */
  refresh: number;
}) {
  const [query, setQuery] = useState<RingQuery>(DEFAULT_RING_QUERY);
  const { data, error, loading, reload } = useRings(query, refresh);
  const [active, setActive] = useState(0);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const items = data?.items ?? [];
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  useEffect(() => setActive(0), [data]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    rows.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => items[index] && onOpen(items[index].id),
      PageDown: () => query.page < pages && setQuery({ ...query, page: query.page + 1 }),
      PageUp: () => query.page > 1 && setQuery({ ...query, page: query.page - 1 }),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  const sortBy = (sort: RingSort) =>
    setQuery({ ...query, sort, order: query.sort === sort && query.order === 'desc' ? 'asc' : 'desc', page: 1 });
  const ariaSort = (sort: RingSort) =>
    query.sort === sort ? (query.order === 'desc' ? 'descending' : 'ascending') : undefined;

  return (
    <section className="queue" aria-labelledby="queue-title">
      <header className="queue__header">
        <h2 id="queue-title">Ring queue</h2>
        <span className="queue__total" aria-live="polite">
          {data ? plural(data.total, 'ring') : loading ? 'Loading…' : ''}
        </span>
        <button type="button" className="ghost small" onClick={reload} title="Reload the queue">
          Refresh
        </button>
      </header>
      <RingFilters query={query} username={username} onChange={setQuery} />
      {error && (
        <p className="error" role="alert">
          Could not load rings: {error.message}
        </p>
      )}
      <div className="queue__table-wrap">
        <table className="queue__table" data-testid="ring-queue" aria-describedby="queue-help">
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('score')}>
                <button type="button" className="th-button" onClick={() => sortBy('score')}>
                  Score
                </button>
              </th>
              <th scope="col" aria-sort={ariaSort('size')}>
                <button type="button" className="th-button" onClick={() => sortBy('size')}>
                  Size
                </button>
              </th>
              <th scope="col">Status</th>
              <th scope="col">Change</th>
              <th scope="col">Top reasons</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ring, i) => (
              <tr
                key={ring.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                tabIndex={i === active ? 0 : -1}
                aria-selected={ring.id === openRingId}
                className={ring.id === openRingId ? 'is-open' : undefined}
                data-ring-id={ring.id}
                onClick={() => {
                  setActive(i);
                  onOpen(ring.id);
                }}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
              >
                <td>
                  <ScoreBar score={ring.score} />
                  {ring.flagged && (
                    <span className="flag" title="Flagged by the nightly run">
                      ⚑
                    </span>
                  )}
                </td>
                <td className="num">
                  {ring.size}
                  {ring.joinedCount > 0 && <span className="delta delta--up"> +{ring.joinedCount}</span>}
                  {ring.leftCount > 0 && <span className="delta delta--down"> −{ring.leftCount}</span>}
                </td>
                <td className="case-cell">
                  <StatusBadge status={ring.status} />
                  {ring.assignee && (
                    <div className="assignee small" title={`Assigned to ${ring.assignee}`}>
                      <svg width="10" height="10" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
                        <circle cx="8" cy="4.5" r="3.5" />
                        <path d="M1 16c0-4 3.1-6.5 7-6.5s7 2.5 7 6.5z" />
                      </svg>
                      <span className="sr-only">Assigned to </span>
                      {ring.assignee}
                    </div>
                  )}
                  {ring.tags.length > 0 && (
                    <ul className="tag-list tag-list--compact" aria-label="Tags">
                      {ring.tags.map((t) => (
                        <li key={t} className="tag">
                          {t}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <ChangeBadge change={ring.change} />
                  <div className="muted small">{formatDate(ring.lastSeenAt)}</div>
                </td>
                <td className="reasons">
                  <ul>
                    {ring.reasons.slice(0, 2).map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {ring.reasons.length > 2 && <span className="muted small">+{ring.reasons.length - 2} more</span>}
                </td>
              </tr>
            ))}
            {data && items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No rings match these filters. Run detection (npm run detect), lower the minimum score or clear the
                  status and assignee.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <footer className="queue__footer">
        <span id="queue-help" className="muted small">
          ↑/↓ to move, Enter to open
        </span>
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={query.page <= 1} onClick={() => setQuery({ ...query, page: query.page - 1 })}>
            ‹ Prev
          </button>
          <span>
            Page {query.page} of {pages}
          </span>
          <button
            type="button"
            disabled={query.page >= pages}
            onClick={() => setQuery({ ...query, page: query.page + 1 })}
          >
            Next ›
          </button>
        </nav>
      </footer>
    </section>
  );
}
