import { useEffect, useRef, useState } from 'react';
import { RING_STATUSES, type RingQuery, type RingSort } from '../api/get-rings.ts';
import { statusText } from '../../../components/ring-badges.tsx';
import { RingKindFilter } from './ring-kind-filter.tsx';

/** Typing in the assignee box waits this long before asking the server. */
const ASSIGNEE_DELAY_MS = 300;

const SORT_TEXT: Record<RingSort, string> = { score: 'Score', size: 'Size', lastSeen: 'Last seen' };

/** Rings or pairs, minimum score, status (disposition), assignee and sort for the ring queue. */
export function RingFilters({
  query,
  username,
  onChange,
}: {
  query: RingQuery;
  /** The signed-in user, for "Mine". */
  username: string;
  onChange(q: RingQuery): void;
}) {
  const [assignee, setAssignee] = useState(query.assignee ?? '');
  // The delayed change applies to the query as it is when it fires, not as it was when typing started.
  const latest = useRef({ query, onChange });
  latest.current = { query, onChange };
  useEffect(() => setAssignee(query.assignee ?? ''), [query.assignee]);
  useEffect(() => {
    const wanted = assignee.trim() || null;
    if (wanted === latest.current.query.assignee) return undefined;
    const timer = setTimeout(() => {
      const { query: q, onChange: change } = latest.current;
      change({ ...q, assignee: wanted, page: 1 });
    }, ASSIGNEE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [assignee]);
  const mine = query.assignee === username;
  return (
    <form className="ring-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter rings">
      <RingKindFilter kind={query.kind} onChange={(kind) => onChange({ ...query, kind, page: 1 })} />
      <label className="field">
        Min score
        <input
          type="number"
          min={0}
          max={100}
          step={5}
          value={query.minScore}
          onChange={(e) =>
            onChange({ ...query, minScore: Math.max(0, Math.min(100, Number(e.target.value) || 0)), page: 1 })
          }
        />
      </label>
      <label className="field">
        Status
        <select
          value={query.status ?? ''}
          onChange={(e) => onChange({ ...query, status: e.target.value || null, page: 1 })}
        >
          <option value="">Any</option>
          {RING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusText(s)}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <label htmlFor="ring-filter-assignee">Assignee</label>
        <span className="field__row">
          <input
            id="ring-filter-assignee"
            type="search"
            className="ring-filters__assignee"
            value={assignee}
            placeholder="Anyone"
            maxLength={100}
            onChange={(e) => setAssignee(e.target.value)}
          />
          <button
            type="button"
            className="small"
            aria-pressed={mine}
            title={mine ? 'Show rings assigned to anyone' : 'Show only rings assigned to me'}
            onClick={() => onChange({ ...query, assignee: mine ? null : username, page: 1 })}
          >
            Mine
          </button>
        </span>
      </div>
      <label className="field">
        Sort by
        <select value={query.sort} onChange={(e) => onChange({ ...query, sort: e.target.value as RingSort, page: 1 })}>
          {(Object.keys(SORT_TEXT) as RingSort[]).map((s) => (
            <option key={s} value={s}>
              {SORT_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="check" title="Confirmed-fraud and false-positive cases are hidden unless this is ticked">
        <input
          type="checkbox"
          checked={query.closed === null}
          disabled={query.status !== null}
          onChange={(e) => onChange({ ...query, closed: e.target.checked ? null : false, page: 1 })}
        />
        Show closed
      </label>
      <button
        type="button"
        className="ghost small"
        onClick={() => onChange({ ...query, order: query.order === 'desc' ? 'asc' : 'desc', page: 1 })}
        aria-label={
          query.order === 'desc' ? 'Highest first; switch to lowest first' : 'Lowest first; switch to highest first'
        }
      >
        {query.order === 'desc' ? '↓ High first' : '↑ Low first'}
      </button>
    </form>
  );
}
