/**
 * Bulk case changes on many accounts through the ordinary annotations API: one account after another (a few at a
 * time), each change its own POST/PUT, so every account's case file and the audit trail record it exactly as a change
 * made by hand. What failed is reported per account; the rest still goes through.
 */
import { getAnnotations, type AnnotationTarget } from './get-annotations.ts';
import { setDisposition } from './set-disposition.ts';
import { setTags } from './set-tags.ts';
import { caseState } from '../utils/timeline.ts';
import { isDisposition, type Disposition } from '../utils/disposition.ts';
import { dispositionPath } from '../utils/disposition-path.ts';

export interface BulkOutcome {
  /** Accounts changed. */
  changed: string[];
  /** Accounts that already were as asked. */
  unchanged: string[];
  failed: Array<{ id: string; message: string }>;
}

/** How many accounts are worked on at once (the API serialises writes anyway; this only hides latency). */
const PARALLEL = 4;

async function eachAccount(
  ids: readonly string[],
  work: (target: AnnotationTarget) => Promise<boolean>,
  onProgress?: (done: number) => void,
): Promise<BulkOutcome> {
  const out: BulkOutcome = { changed: [], unchanged: [], failed: [] };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        const changed = await work({ type: 'account', id });
        (changed ? out.changed : out.unchanged).push(id);
      } catch (err) {
        out.failed.push({ id, message: (err as Error).message });
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return out;
}

async function currentCase(target: AnnotationTarget) {
  return caseState(await getAnnotations(target), { disposition: 'new', assignee: null, tags: [] });
}

/** Takes each account to `disposition` along the workflow (see utils/disposition-path.ts). */
export function bulkDisposition(
  accountIds: readonly string[],
  change: { disposition: Disposition; assignee: string | null; comment: string | null },
  onProgress?: (done: number) => void,
): Promise<BulkOutcome> {
  return eachAccount(
    accountIds,
    async (target) => {
      const now = await currentCase(target);
      const from = isDisposition(now.disposition) ? now.disposition : 'new';
      const path = dispositionPath(from, change.disposition);
      if (path === null) throw new Error(`the workflow has no way from ${from} to ${change.disposition}`);
      if (path.length === 0 && (change.assignee === null || change.assignee === now.assignee)) return false;
      for (const step of path.length > 0 ? path : [change.disposition]) {
        await setDisposition(target, {
          disposition: step,
          assignee: change.assignee ?? now.assignee,
          ...(change.comment ? { comment: change.comment } : {}),
        });
      }
      return true;
    },
    onProgress,
  );
}

/** Adds tags to each account (its other tags stay). */
export function bulkAddTags(
  accountIds: readonly string[],
  tags: readonly string[],
  onProgress?: (done: number) => void,
): Promise<BulkOutcome> {
  return eachAccount(
    accountIds,
    async (target) => {
      const now = await currentCase(target);
      const merged = [...new Set([...now.tags, ...tags])].sort();
      if (merged.length === now.tags.length) return false;
      await setTags(target, merged);
      return true;
    },
    onProgress,
  );
}
