/**
 * Search as you type (accounts by id, identifiers by value — the server normalises the query like ingest does, so an
 * aliased email finds its canonical node). A combobox: ↑/↓ choose, Enter opens the result's neighbourhood, Escape
 * closes the list.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchResponse } from '@contracts/investigate.ts';
import { plural } from '../../../lib/format.ts';
import { KindSwatch } from '../../../components/kind-swatch.tsx';
import { KIND_STYLES } from '@contracts/kind-styles.ts';
import { search } from '../api/search.ts';

type Result = SearchResponse['results'][number];

const DEBOUNCE_MS = 200;

/**
 * `onOpen(result, join)`: Enter or a click opens the result in a canvas of its own; Shift+Enter or Shift+click adds
 * it to the current canvas instead.
 */
export function SearchBox({ onOpen }: { onOpen(result: Result, join: boolean): void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const pending = useRef<AbortController | null>(null);

  useEffect(() => {
    const text = q.trim();
    if (text === '') {
      setResults(null);
      return undefined;
    }
    const timer = setTimeout(() => {
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      search(text, controller.signal).then(
        (res) => {
          setResults(res.results);
          setError(null);
          setActive(0);
          setOpen(true);
        },
        (err: Error) => {
          if (err.name !== 'AbortError') setError(err.message);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const choose = (r: Result | undefined, join = false) => {
    if (!r) return;
    setOpen(false);
    onOpen(r, join);
  };

  return (
    <div className="search">
      <input
        type="search"
        role="combobox"
        aria-label="Search accounts and identifiers"
        aria-expanded={open && results !== null}
        aria-controls={listId}
        aria-activedescendant={open && results?.[active] ? `${listId}-${active}` : undefined}
        placeholder="Account, email or @domain, phone, device, card last 4, IP or 10.0.0.0/8…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => results && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min((results?.length ?? 1) - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(results?.[active], e.shiftKey);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {error && (
        <div className="search__error" role="alert">
          {error}
        </div>
      )}
      {open && results !== null && (
        <ul className="search__results" role="listbox" id={listId} data-testid="search-results">
          {results.length === 0 && <li className="search__empty">Nothing found for “{q.trim()}”.</li>}
          {results.length > 0 && (
            <li className="search__empty small" role="presentation">
              Enter opens a canvas of its own · Shift+Enter adds to this one
            </li>
          )}
          {results.map((r, i) => (
            <li
              key={r.node.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={(e) => choose(r, e.shiftKey)}
              onMouseEnter={() => setActive(i)}
            >
              <KindSwatch kind={r.node.kind} size={14} />
              <span className="search__label">
                {r.node.accountLabel === 'known_fraud' ? '⚠ ' : ''}
                {r.node.label}
              </span>
              <span className="muted small">
                {KIND_STYLES[r.node.kind].name}
                {r.node.sharers !== null ? ` · ${plural(r.node.sharers, 'account')}` : ''}
                {r.match === 'exact' ? ' · exact' : r.match === 'partial' ? ' · contains' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
