/**
 * Annotations are append-only events in Neo4j: every note version, tag change and disposition change is its own
 * (:Annotation) node with author and time. Nothing is overwritten; the timeline shows everything, and a ring's
 * timeline includes what it inherited from the rings it was split from or merged from.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { AnnotationJson, TimelineEntryJson } from '../../contracts/annotations.ts';
import { DISPOSITION_TRANSITIONS, type Disposition } from '../../contracts/vocabulary.ts';

export type TargetType = 'ring' | 'account';

/** What the API sends for an annotation and a timeline entry (the schemas are in contracts/annotations.ts). */
export type Annotation = AnnotationJson;
export type TimelineEntry = TimelineEntryJson;

interface Target {
  targetType: TargetType;
  targetId: string;
}

async function state(db: Db, t: Target): Promise<{ exists: boolean; disposition: Disposition }> {
  const [row] = await db.read<{ exists: boolean; disposition: Disposition }>('annotation-target-state.read', { ...t });
  return row ?? { exists: false, disposition: 'new' };
}

async function requireTarget(db: Db, t: Target): Promise<Disposition> {
  const s = await state(db, t);
  if (!s.exists) throw new NotFoundError(`No ${t.targetType} ${t.targetId}.`);
  return s.disposition;
}

const EMPTY = {
  noteId: null,
  body: null,
  format: null,
  tags: null,
  disposition: null,
  previousDisposition: null,
  assignee: null,
  supersedes: null,
};

async function append(db: Db, params: Record<string, unknown>): Promise<Annotation> {
  const [row] = await db.write<{ annotation: Annotation }>('annotation-add.write', {
    ...EMPTY,
    ...params,
    id: randomUUID(),
  });
  if (!row) throw new ConflictError('That note version no longer exists; reload the timeline.');
  return row.annotation;
}

export async function addNote(
  db: Db,
  t: Target,
  author: string,
  note: { body: string; format: 'text' | 'markdown'; supersedes?: string },
): Promise<Annotation> {
  await requireTarget(db, t);
  let noteId: string = randomUUID();
  if (note.supersedes) {
    noteId = await noteIdOf(db, t, note.supersedes);
    // Only the newest version of a note may be edited, so two people editing at once cannot fork it silently.
    const [latest] = await db.read<{ id: string }>('annotation-note-latest.read', { ...t, noteId });
    if (!latest || latest.id !== note.supersedes) {
      throw new ConflictError(
        'Someone edited this note in the meantime; reload the timeline and edit the newest version.',
      );
    }
  }
  return append(db, {
    ...t,
    author,
    kind: 'note',
    noteId,
    body: note.body,
    format: note.format,
    supersedes: note.supersedes ?? null,
  });
}

async function noteIdOf(db: Db, t: Target, annotationId: string): Promise<string> {
  const timeline = await getTimeline(db, t);
  const found = timeline.find((a) => a.id === annotationId && a.kind === 'note' && a.inheritedFrom === null);
  if (!found?.noteId) throw new NotFoundError(`No note ${annotationId} on ${t.targetType} ${t.targetId}.`);
  return found.noteId;
}

export async function setTags(db: Db, t: Target, author: string, tags: string[]): Promise<Annotation> {
  await requireTarget(db, t);
  return append(db, { ...t, author, kind: 'tags', tags });
}

export async function setDisposition(
  db: Db,
  t: Target,
  author: string,
  change: { disposition: Disposition; assignee?: string | null; comment?: string },
): Promise<Annotation> {
  const current = await requireTarget(db, t);
  if (current !== change.disposition && !DISPOSITION_TRANSITIONS[current].includes(change.disposition)) {
    throw new ValidationError(
      `A ${t.targetType} that is ${current} cannot become ${change.disposition}; next steps: ${DISPOSITION_TRANSITIONS[current].join(', ')}.`,
      [{ path: 'disposition', message: `not allowed after ${current}` }],
    );
  }
  return append(db, {
    ...t,
    author,
    kind: 'disposition',
    disposition: change.disposition,
    previousDisposition: current,
    assignee: change.assignee ?? null,
    body: change.comment ?? null,
    format: change.comment ? 'text' : null,
  });
}

export async function getTimeline(db: Db, t: Target): Promise<TimelineEntry[]> {
  const rows = await db.read<{
    annotation: Annotation;
    inheritedFrom: string | null;
    via: string[] | null;
    superseded: boolean;
  }>('annotations-for-target.read', { ...t });
  return rows.map((r) => ({ ...r.annotation, inheritedFrom: r.inheritedFrom, via: r.via, superseded: r.superseded }));
}
