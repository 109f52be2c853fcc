/**
 * One note in the timeline: the newest version, an Edit button (own notes, for those who may annotate) that opens
 * the editor on it, and the earlier versions, folded away and struck through.
 */
import { useEffect, useState } from 'react';
import { formatDateTime, plural } from '../../../lib/format.ts';
import type { AnnotationTarget } from '../api/get-annotations.ts';
import type { NoteThread } from '../utils/timeline.ts';
import { EventMeta } from './event-meta.tsx';
import { NoteEditor } from './note-editor.tsx';
import { NoteText } from './note-text.tsx';

export interface NoteThreadActions {
  target: AnnotationTarget;
  /** The user may add note versions. */
  editable: boolean;
  /** Reload the timeline after a save or a conflict. */
  onChanged(): void;
}

export function NoteThreadView({ thread, actions }: { thread: NoteThread; actions: NoteThreadActions }) {
  const { latest, versions } = thread;
  const older = versions.slice(0, -1).reverse();
  const [editing, setEditing] = useState<{ supersedes: string; conflicted: boolean } | null>(null);

  // After a conflict the reloaded timeline has a newer version: the next save replaces that one.
  useEffect(() => {
    if (editing?.conflicted && editing.supersedes !== latest.id)
      setEditing({ supersedes: latest.id, conflicted: false });
  }, [editing, latest.id]);

  return (
    <div className="note-thread" data-note-id={thread.noteId}>
      <EventMeta
        entry={latest}
        action={latest.version > 1 ? `edited a note (version ${latest.version})` : 'added a note'}
      />
      {editing ? (
        <NoteEditor
          target={actions.target}
          edit={{ supersedes: editing.supersedes, body: latest.body ?? '', format: latest.format ?? 'text' }}
          onSaved={() => {
            setEditing(null);
            actions.onChanged();
          }}
          onCancel={() => setEditing(null)}
          onConflict={() => {
            setEditing((e) => e && { ...e, conflicted: true });
            actions.onChanged();
          }}
        />
      ) : (
        <>
          <NoteText body={latest.body ?? ''} format={latest.format} />
          {actions.editable && !thread.inheritedFrom && (
            <button
              type="button"
              className="link small"
              onClick={() => setEditing({ supersedes: latest.id, conflicted: false })}
            >
              Edit
            </button>
          )}
        </>
      )}
      {older.length > 0 && (
        <details className="note-versions">
          <summary>{plural(older.length, 'earlier version')}</summary>
          <ol>
            {older.map((v) => (
              <li key={v.id} className="is-superseded">
                <div className="tl-meta">
                  Version {v.version} · {v.author} · <time dateTime={v.at}>{formatDateTime(v.at)}</time>
                </div>
                <del>
                  <NoteText body={v.body ?? ''} format={v.format} />
                </del>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
