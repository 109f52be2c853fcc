/**
 * The ring queue: rings to review, with score, size, status (disposition, assignee, tags), change since the last run
 * and the top reasons. Keyboard:
 * the table is one tab stop; ↑/↓ (and Home/End, PageUp/PageDown for pages) move between rings, Enter opens one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate, plural } from '../../../lib/format.ts';
import { DEFAULT_RING_QUERY, useRings, type RingQuery, type RingSort, type RingSummary } from '../api/get-rings.ts';
import { PairBadge } from '../../../components/pair-badge.tsx';
import { ChangeBadge, ScoreBar, StatusBadge } from '../../../components/ring-badges.tsx';
import { RingFilters } from './ring-filters.tsx';

/** The first reason, and the rest behind "+N more" (a button: it opens in place, without opening the ring). */
function Reasons({ reasons }: { reasons: string[] }) {
  const [open, setOpen] = useState(false);
  if (reasons.length === 0) return null;
  const shown = open ? reasons : reasons.slice(0, 1);
  return (
    <div className="queue__reasons">
      {/* Folded, the first reason keeps to two lines (the whole of it in the tooltip and in the ring's panel). */}
      <ul className={open ? undefined : 'queue__folded'}>
        {shown.map((r) => (
          <li key={r} title={open ? undefined : r}>
            {r}
          </li>
        ))}
      </ul>
      {reasons.length > 1 && (
        <button
          type="button"
          className="link small"
          aria-expanded={open}
          onClick={(e) => {
            e.stopPropagation();
            setOpen(!open);
          }}
          onKeyDown={(e) => e.stopPropagation()}
        >
          {open ? 'fewer' : `+${reasons.length - 1} more`}
        </button>
      )}
    </div>
  );
}

const TOTAL_NOUN: Record<'all' | 'ring' | 'pair', [string, string]> = {
  all: ['ring or pair', 'rings and pairs'],
  ring: ['ring', 'rings'],
  pair: ['pair', 'pairs'],
};

export function RingQueue({
  openRingId,
  onOpen,
  username,
  refresh,
  onLoaded,
}: {
  openRingId: string | null;
  onOpen(id: string): void;
  /** The signed-in user, for the "Mine" filter. */
  username: string;
  /** Changes when a case changed elsewhere in the app, so the queue reads again. */
  refresh: number;
  /** Called with the first page once it has loaded (the workbench opens the top ring on arrival). */
  onLoaded?(items: RingSummary[]): void;
}) {
  const [query, setQuery] = useState<RingQuery>(DEFAULT_RING_QUERY);
  const { data, error, loading, reload } = useRings(query, refresh);
  const [active, setActive] = useState(0);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const items = data?.items ?? [];
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  useEffect(() => setActive(0), [data]);
  const loadedOnce = useRef(false);
  useEffect(() => {
    if (!data || loadedOnce.current) return;
    loadedOnce.current = true;
    onLoaded?.(data.items);
  }, [data, onLoaded]);

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
          {data ? plural(data.total, ...TOTAL_NOUN[query.kind ?? 'all']) : loading ? 'Loading…' : ''}
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
              <th scope="col">Ring and reasons</th>
              <th scope="col" aria-sort={ariaSort('size')} className="num">
                <button type="button" className="th-button" onClick={() => sortBy('size')}>
                  Size
                </button>
              </th>
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
                data-kind={ring.kind}
                onClick={() => {
                  setActive(i);
                  onOpen(ring.id);
                }}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKeyDown(e, i)}
              >
                <td className="queue__score">
                  <ScoreBar score={ring.score} />
                  {ring.flagged && !data?.firstRun && (
                    <span className="flag" title="Flagged by the nightly run">
                      ⚑<span className="sr-only"> flagged</span>
                    </span>
                  )}
                  <PairBadge kind={ring.kind} />
                </td>
                <td className="queue__ring">
                  <div className="queue__line">
                    <span className="queue__id mono" title={`${ring.kind === 'pair' ? 'Pair' : 'Ring'} ${ring.id}`}>
                      {ring.id}
                    </span>
                    <StatusBadge status={ring.status} />
                    {(ring.change !== 'new' || !data?.firstRun) && ring.change !== 'unchanged' && (
                      <ChangeBadge change={ring.change} />
                    )}
                    {ring.assignee && (
                      <span className="assignee small" title={`Assigned to ${ring.assignee}`}>
                        <span className="sr-only">Assigned to </span>@{ring.assignee}
                      </span>
                    )}
                    {ring.tags.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                  </div>
                  <Reasons reasons={ring.reasons} />
                </td>
                <td className="num queue__size" title={`Last seen ${formatDate(ring.lastSeenAt)}`}>
                  {ring.size}
                  {ring.joinedCount > 0 && <span className="delta delta--up"> +{ring.joinedCount}</span>}
                  {ring.leftCount > 0 && <span className="delta delta--down"> −{ring.leftCount}</span>}
                </td>
              </tr>
            ))}
            {data && items.length === 0 && (
              <tr>
                <td colSpan={3} className="empty">
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
