import { formatDateTime } from '../../../lib/format.ts';
import type { TimelineEntry } from '@contracts/annotations.ts';

/** "alice changed the disposition · 24 Nov 2026, 06:01 UTC": who did what to the case file, and when. */
export function EventMeta({ entry, action }: { entry: TimelineEntry; action: string }) {
  return (
    <div className="tl-meta">
      <strong>{entry.author}</strong> {action} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
    </div>
  );
}
