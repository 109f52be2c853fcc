/**
 * One ring's or account's case file: its timeline from the API, grouped for display, and the case's current state
 * (disposition, assignee, tags). `record` is what the target's own record says, used until the timeline has events.
 */
import { useMemo } from 'react';
import { useAnnotations, type AnnotationTarget } from '../api/get-annotations.ts';
import { caseState, groupTimeline, type CaseState } from '../utils/timeline.ts';

export function useCaseFile(target: AnnotationTarget, record: CaseState) {
  const timeline = useAnnotations(target);
  const entries = timeline.data;
  const items = useMemo(() => groupTimeline(entries ?? []), [entries]);
  const tagsKey = record.tags.join('\n');
  const state = useMemo(
    () => caseState(entries ?? [], record),
    // `record` is rebuilt by every render of the caller; its values say when it changed.
    [entries, record.disposition, record.assignee, tagsKey],
  );
  return { target, timeline, items, state };
}

export type CaseFile = ReturnType<typeof useCaseFile>;
