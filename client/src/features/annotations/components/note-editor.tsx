/**
 * Writes a note, or the next version of one: plain text or Markdown (with a preview). Editing a version someone else
 * has meanwhile replaced is refused by the server (409); the editor then says so and keeps the text.
 */
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useAction } from '../../../lib/use-action.ts';
import { addNote } from '../api/add-note.ts';
import type { AnnotationTarget } from '../api/get-annotations.ts';
import { NoteText } from './note-text.tsx';

export const CONFLICT_MESSAGE =
  'Someone else edited this note while you were writing. Their version is now in the timeline; your text is still ' +
  'here — check theirs, then save again to add yours as the newest version.';

export interface NoteEditorProps {
  target: AnnotationTarget;
  /** Editing: the version being replaced, and its text and format to start from. */
  edit?: { supersedes: string; body: string; format: 'text' | 'markdown' };
  onSaved(): void;
  onCancel?(): void;
  /** The server answered 409 (the note changed meanwhile); the caller reloads and passes the newer `supersedes`. */
  onConflict?(): void;
}

export function NoteEditor({ target, edit, onSaved, onCancel, onConflict }: NoteEditorProps) {
  const [body, setBody] = useState(edit?.body ?? '');
  const [format, setFormat] = useState<'text' | 'markdown'>(edit?.format ?? 'text');
  const [preview, setPreview] = useState(false);
  const action = useAction();
  const label = edit ? 'Edit note' : 'New note';

  const save = async () => {
    const saved = await action.run(async () => {
      try {
        return await addNote(target, { body, format, ...(edit ? { supersedes: edit.supersedes } : {}) });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) onConflict?.();
        throw err;
      }
    });
    if (saved) {
      setBody('');
      setPreview(false);
      onSaved();
    }
  };

  return (
    <form
      className="note-editor"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {preview && format === 'markdown' ? (
        <div className="note-editor__preview" aria-label="Preview">
          {body.trim() ? (
            <NoteText body={body} format="markdown" />
          ) : (
            <p className="muted small">Nothing to preview.</p>
          )}
        </div>
      ) : (
        <textarea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={edit ? 4 : 3}
          maxLength={20_000}
          placeholder={edit ? '' : 'Add a note for the case file…'}
          aria-label={edit ? 'Note text' : 'New note'}
        />
      )}
      <div className="note-editor__bar">
        <div className="segmented" role="radiogroup" aria-label="Format">
          {(['text', 'markdown'] as const).map((f) => (
            <label key={f} className={format === f ? 'is-on' : undefined}>
              <input
                type="radio"
                name={`format-${edit?.supersedes ?? 'new'}`}
                value={f}
                checked={format === f}
                onChange={() => {
                  setFormat(f);
                  if (f === 'text') setPreview(false);
                }}
              />
              {f === 'text' ? 'Text' : 'Markdown'}
            </label>
          ))}
        </div>
        {format === 'markdown' && (
          <button type="button" className="ghost small" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            Preview
          </button>
        )}
        <span className="note-editor__spacer" />
        {onCancel && (
          <button type="button" className="ghost small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="primary small" disabled={action.busy || body.trim() === ''}>
          {edit ? 'Save new version' : 'Add note'}
        </button>
      </div>
      {action.error && (
        <p className="error small" role="alert">
          {action.error instanceof ApiError && action.error.status === 409 ? CONFLICT_MESSAGE : action.error.message}
        </p>
      )}
    </form>
  );
}
