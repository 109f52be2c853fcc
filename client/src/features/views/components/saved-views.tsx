/**
 * Saved views in the workbench: "Save view" in the graph header keeps the canvas with the open case (a ring, or the
 * account the canvas is about), and the case file lists the case's views, each a link (`#/views/<id>`) that reopens
 * it — for a colleague too.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Me } from '@contracts/auth.ts';
import type { SavedViewState, SavedViewSummary } from '@contracts/views.ts';
import { formatDateTime, plural } from '../../../lib/format.ts';
import { mayCall } from '../../../lib/permissions.ts';
import { useAction } from '../../../lib/use-action.ts';
import { saveView, useSavedViews, type ViewTarget } from '../api/views.ts';

const viewHref = (id: string) => `#/views/${encodeURIComponent(id)}`;

export function SaveViewButton({
  target,
  capture,
  me,
  onSaved,
}: {
  /** The case the view is kept with; null when the canvas belongs to none (an identifier). */
  target: ViewTarget | null;
  /** The canvas as it is now, or null when it is empty. */
  capture(): SavedViewState | null;
  me: Me;
  onSaved(view: SavedViewSummary): void;
}) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<SavedViewSummary | null>(null);
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  const allowed = target !== null && mayCall(me.role, 'POST', `/${target.type}s/x/views`);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    // A press anywhere else closes it, as a menu would.
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [open]);
  const why =
    target === null
      ? 'Open a ring or an account to save a view with its case'
      : allowed
        ? `Save this canvas with ${target.type} ${target.id}`
        : 'Saving views needs the analyst role';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const state = capture();
    if (!target || !state || !name.trim()) return;
    const view = await action.run(() => saveView(target, name.trim(), state));
    if (view) {
      setSaved(view);
      setName('');
      onSaved(view);
    }
  };
  return (
    <div className="save-view-menu" ref={box}>
      <button
        type="button"
        className="small"
        disabled={!allowed}
        title={why}
        aria-expanded={open}
        aria-controls={`${uid}-form`}
        onClick={() => {
          setOpen(!open);
          setSaved(null);
          action.clearError();
        }}
      >
        Save view
      </button>
      {open && target && (
        <form
          id={`${uid}-form`}
          className="save-view-menu__panel"
          onSubmit={(e) => void submit(e)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          aria-label="Save this view"
        >
          <label htmlFor={`${uid}-name`}>
            Name of the view{' '}
            <span className="muted small">
              (kept with {target.type} {target.id})
            </span>
          </label>
          <div className="save-view">
            <input
              id={`${uid}-name`}
              ref={input}
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="primary small" disabled={action.busy || !name.trim()}>
              Save
            </button>
          </div>
          {action.error && (
            <p className="error small" role="alert">
              Could not save the view: {action.error.message}
            </p>
          )}
          {saved && (
            <p className="small" role="status">
              Saved: <a href={viewHref(saved.id)}>{saved.name}</a> ({plural(saved.nodeCount, 'node')})
            </p>
          )}
        </form>
      )}
    </div>
  );
}

/** The case's saved views, newest first, for its case file. */
export function SavedViewsList({ target, refresh }: { target: ViewTarget; refresh: number }) {
  const views = useSavedViews(target, refresh);
  const items = views.data ?? [];
  return (
    <section className="saved-views-section" data-testid="saved-views" aria-label="Saved views">
      <h4 className="case-file__label">Saved views</h4>
      {views.error && (
        <p className="error small" role="alert">
          Could not load the saved views: {views.error.message}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted small">{views.loading ? 'Loading…' : 'None yet: “Save view” above the graph keeps one.'}</p>
      ) : (
        <ul className="saved-views">
          {items.map((v) => (
            <li key={v.id}>
              <a href={viewHref(v.id)}>{v.name}</a>
              <span className="muted small">
                {plural(v.nodeCount, 'node')} · {v.author} · {formatDateTime(v.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
