/**
 * The case file's history, newest first: notes (each with its earlier versions folded away and struck through),
 * tag changes and disposition changes, each with author and time. Events inherited from a ring this one was split
 * or merged from say so.
 */
import { StatusBadge } from '../../../components/ring-badges.tsx';
import type { TimelineEntry } from '@contracts/annotations.ts';
import { inheritedText, type TimelineItem } from '../utils/timeline.ts';
import { EventMeta } from './event-meta.tsx';
import { NoteThreadView, type NoteThreadActions } from './note-thread.tsx';

function Inherited({ item }: { item: TimelineItem }) {
  const text = inheritedText(item);
  return text ? (
    <span className="inherited" title="Recorded on a predecessor of this ring">
      {text}
    </span>
  ) : null;
}

function DispositionEvent({ entry }: { entry: TimelineEntry }) {
  const same = entry.previousDisposition === entry.disposition;
  return (
    <>
      <EventMeta entry={entry} action={same ? 'reassigned the case' : 'changed the disposition'} />
      <div className="tl-change">
        {entry.previousDisposition && !same && (
          <>
            <StatusBadge status={entry.previousDisposition} /> <span aria-label="to">→</span>{' '}
          </>
        )}
        {entry.disposition && <StatusBadge status={entry.disposition} />}
      </div>
      <div className="muted small">{entry.assignee ? `Assigned to ${entry.assignee}` : 'Unassigned'}</div>
      {entry.body && <div className="note-body note-body--text tl-comment">{entry.body}</div>}
    </>
  );
}

function TagsEvent({ entry }: { entry: TimelineEntry }) {
  const tags = entry.tags ?? [];
  return (
    <>
      <EventMeta entry={entry} action={tags.length ? 'set the tags' : 'cleared the tags'} />
      {tags.length > 0 && (
        <ul className="tag-list tag-list--static">
          {tags.map((t) => (
            <li key={t} className="tag">
              {t}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function AnnotationTimeline({ items, noteActions }: { items: TimelineItem[]; noteActions: NoteThreadActions }) {
  if (items.length === 0) return <p className="muted small">Nothing recorded yet.</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item) => (
        <li
          key={item.kind === 'note' ? `note:${item.noteId}` : item.entry.id}
          className={`tl-item tl-item--${item.kind}${item.inheritedFrom ? ' tl-item--inherited' : ''}`}
        >
          <Inherited item={item} />
          {item.kind === 'note' ? (
            <NoteThreadView thread={item} actions={noteActions} />
          ) : item.kind === 'disposition' ? (
            <DispositionEvent entry={item.entry} />
          ) : (
            <TagsEvent entry={item.entry} />
          )}
        </li>
      ))}
    </ol>
  );
}
