/**
 * The case's tags as chips. With the right to annotate: remove a chip, type a tag and press Enter (or a comma) to
 * add it, then Save — one recorded change for the whole edit. Tags are checked with the server's own rule first.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { TagsBody } from '@contracts/annotations.ts';
import { useAction } from '../../../lib/use-action.ts';
import type { AnnotationTarget } from '../api/get-annotations.ts';
import { setTags } from '../api/set-tags.ts';

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

export function TagsEditor({
  target,
  tags,
  editable,
  onSaved,
}: {
  target: AnnotationTarget;
  tags: string[];
  editable: boolean;
  onSaved(): void;
}) {
  const [draft, setDraft] = useState<string[] | null>(null);
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const shown = draft ?? tags;

  const validate = (next: string[]): string[] | null => {
    const parsed = TagsBody.safeParse({ tags: next });
    if (parsed.success) return parsed.data.tags;
    const issue = parsed.error.issues[0];
    const bad = typeof issue?.path[1] === 'number' ? `“${next[issue.path[1]]}”: ` : '';
    setProblem(`${bad}${issue?.message ?? 'not a valid tag'}`);
    return null;
  };
  const add = () => {
    const text = input.trim();
    if (!text) return;
    const next = validate([...shown, text]);
    if (next) {
      setDraft(next);
      setInput('');
      setProblem(null);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && input === '' && shown.length > 0) {
      setDraft(shown.slice(0, -1));
    }
  };
  const save = async () => {
    const next = validate(input.trim() ? [...shown, input.trim()] : shown);
    if (!next) return;
    if (await action.run(() => setTags(target, next))) {
      // The draft stays on screen until the reloaded timeline shows the same tags.
      setDraft(next);
      setInput('');
      onSaved();
    }
  };
  useEffect(() => {
    if (draft && sameTags(draft, tags)) setDraft(null);
    // Only a new `tags` from the server can make a saved draft redundant.
  }, [tags]);
  const dirty = (draft !== null && !sameTags(draft, tags)) || input.trim() !== '';

  return (
    <div className="tags-editor" data-testid="tags-editor">
      <ul className="tag-list" aria-label="Tags">
        {shown.map((t) => (
          <li key={t} className="tag">
            {t}
            {editable && (
              <button
                type="button"
                className="tag__remove"
                aria-label={`Remove tag ${t}`}
                onClick={() => setDraft(shown.filter((x) => x !== t))}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {shown.length === 0 && !editable && <li className="muted small">No tags.</li>}
        {editable && (
          <li className="tag-list__input">
            <input
              value={input}
              onChange={(e) => {
                setInput(e.target.value);
                setProblem(null);
              }}
              onKeyDown={onKeyDown}
              placeholder={shown.length ? 'Add tag' : 'Add a tag, e.g. synthetic-id'}
              aria-label="New tag"
              maxLength={40}
            />
          </li>
        )}
      </ul>
      {(problem || action.error) && (
        <p className="error small" role="alert">
          {problem ?? action.error?.message}
        </p>
      )}
      {editable && dirty && (
        <div className="form-actions">
          <button
            type="button"
            className="ghost small"
            onClick={() => {
              setDraft(null);
              setInput('');
              setProblem(null);
            }}
          >
            Discard
          </button>
          <button type="button" className="primary small" disabled={action.busy} onClick={() => void save()}>
            Save tags
          </button>
        </div>
      )}
    </div>
  );
}
