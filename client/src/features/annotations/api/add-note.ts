/** POST /api/{rings|accounts}/:id/notes: a new note, or a new version of one (`supersedes` its newest version). */
import type { z } from 'zod';
import type { NoteBody } from '@contracts/annotations.ts';
import { apiPost } from '../../../lib/api-client.ts';
import { annotationSchema, type Annotation } from '@contracts/annotations.ts';
import { targetPath, type AnnotationTarget } from './get-annotations.ts';

export type NoteInput = z.input<typeof NoteBody>;

/** Answers 409 when `supersedes` is no longer the newest version (someone else edited the note). */
export function addNote(t: AnnotationTarget, note: NoteInput): Promise<Annotation> {
  return apiPost(`/api${targetPath(t)}/notes`, note, annotationSchema);
}
