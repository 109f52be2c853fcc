/**
 * Turns the API's flat, oldest-first timeline into what the panel shows: each note as one thread of its versions
 * (the newest on top, older ones superseded), tag and disposition changes as single events, newest activity first;
 * and the case's current state (disposition, assignee, tags) as the newest events say.
 */
import type { TimelineEntry } from '@contracts/annotations.ts';
import type { Disposition } from './disposition.ts';

export interface NoteThread {
  kind: 'note';
  noteId: string;
  /** Oldest first; the last one is the note as it reads now. */
  versions: TimelineEntry[];
  latest: TimelineEntry;
  /** When the thread last changed (its newest version), which orders the timeline. */
  at: string;
  inheritedFrom: string | null;
  via: string[] | null;
}

export interface EventItem {
  kind: 'tags' | 'disposition';
  entry: TimelineEntry;
  at: string;
  inheritedFrom: string | null;
  via: string[] | null;
}

export type TimelineItem = NoteThread | EventItem;

const time = (iso: string) => Date.parse(iso) || 0;

/**
 * Groups note versions by note, drops duplicates (one ancestor reached along two split/merge paths) and orders the
 * result newest activity first.
 */
export function groupTimeline(entries: readonly TimelineEntry[]): TimelineItem[] {
  const seen = new Set<string>();
  const threads = new Map<string, NoteThread>();
  const items: TimelineItem[] = [];
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.kind === 'note') {
      const key = e.noteId ?? e.id;
      const thread = threads.get(key);
      if (thread) {
        thread.versions.push(e);
      } else {
        const t: NoteThread = {
          kind: 'note',
          noteId: key,
          versions: [e],
          latest: e,
          at: e.at,
          inheritedFrom: e.inheritedFrom,
          via: e.via,
        };
        threads.set(key, t);
        items.push(t);
      }
    } else {
      items.push({ kind: e.kind, entry: e, at: e.at, inheritedFrom: e.inheritedFrom, via: e.via });
    }
  }
  for (const t of threads.values()) {
    t.versions.sort((a, b) => a.version - b.version || time(a.at) - time(b.at));
    t.latest = t.versions[t.versions.length - 1]!;
    t.at = t.latest.at;
  }
  // Stable: events at the same instant keep the server's order, reversed with the rest.
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => time(b.item.at) - time(a.item.at) || b.i - a.i)
    .map((x) => x.item);
}

/** Where an inherited event came from, e.g. "from ring ring-1a2b3c (split)". */
export function inheritedText(item: Pick<TimelineItem, 'inheritedFrom' | 'via'>): string | null {
  if (!item.inheritedFrom) return null;
  const how = item.via?.filter(Boolean).join(', then ');
  return `from ring ${item.inheritedFrom}${how ? ` (${how})` : ''}`;
}

export interface CaseState {
  disposition: Disposition | string;
  assignee: string | null;
  tags: string[];
}

/**
 * The case as it stands. The target's own newest events win; without any, `fallback` (what the ring record says,
 * which already includes a disposition taken over from a predecessor) stands.
 */
export function caseState(entries: readonly TimelineEntry[], fallback: CaseState): CaseState {
  const own = entries.filter((e) => e.inheritedFrom === null);
  const newest = (kind: TimelineEntry['kind']) =>
    own.reduce<TimelineEntry | undefined>(
      (best, e) => (e.kind === kind && (!best || time(e.at) >= time(best.at)) ? e : best),
      undefined,
    );
  const d = newest('disposition');
  const t = newest('tags');
  return {
    disposition: d?.disposition ?? fallback.disposition,
    assignee: d ? d.assignee : fallback.assignee,
    tags: t?.tags ?? fallback.tags,
  };
}
