/**
 * POST /api/{rings|accounts}/:id/disposition: moves the case along the workflow, with an optional assignee and a
 * comment. The server refuses (400) a step the workflow does not allow from the current disposition.
 */
import type { z } from 'zod';
import type { DispositionBody } from '@contracts/annotations.ts';
import { apiPost } from '../../../lib/api-client.ts';
import { annotationSchema, type Annotation } from '@contracts/annotations.ts';
import { targetPath, type AnnotationTarget } from './get-annotations.ts';

export type DispositionInput = z.input<typeof DispositionBody>;

export function setDisposition(t: AnnotationTarget, change: DispositionInput): Promise<Annotation> {
  return apiPost(`/api${targetPath(t)}/disposition`, change, annotationSchema);
}
