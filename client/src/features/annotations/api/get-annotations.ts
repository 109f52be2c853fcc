/**
 * GET /api/{rings|accounts}/:id/annotations: the case file's timeline, every event oldest first — each note version,
 * tag change and disposition change, including those inherited from rings this one was split or merged from.
 */
import { timelineSchema, type TimelineEntry } from '@contracts/annotations.ts';
import { apiGet, segment } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';

/** A ring or an account, the two things that carry annotations. */
export interface AnnotationTarget {
  type: 'ring' | 'account';
  id: string;
}

/** `/rings/<id>` or `/accounts/<id>`: the API path of a target, below /api. */
export function targetPath(t: AnnotationTarget): string {
  return `/${t.type === 'ring' ? 'rings' : 'accounts'}/${segment(t.id)}`;
}

export async function getAnnotations(t: AnnotationTarget, signal?: AbortSignal): Promise<TimelineEntry[]> {
  return (await apiGet(`/api${targetPath(t)}/annotations`, timelineSchema, { signal })).items;
}

export function useAnnotations(t: AnnotationTarget) {
  return useApi(`${t.type}:${t.id}`, (signal) => getAnnotations(t, signal), { keepPrevious: true });
}
