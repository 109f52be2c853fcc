/** PUT /api/{rings|accounts}/:id/tags: replaces the tags (the change is recorded as a timeline event). */
import { apiPut } from '../../../lib/api-client.ts';
import { annotationSchema, type Annotation } from '@contracts/annotations.ts';
import { targetPath, type AnnotationTarget } from './get-annotations.ts';

export function setTags(t: AnnotationTarget, tags: string[]): Promise<Annotation> {
  return apiPut(`/api${targetPath(t)}/tags`, { tags }, annotationSchema);
}
