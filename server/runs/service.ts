/** Reads of detection runs, shaped for the API. JSON-encoded properties are decoded here. */
import type { RunDetail, RunSummary } from '../../contracts/runs.ts';
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';

type JsonField = 'params' | 'counts' | 'timings' | 'crowds' | 'diff';
/** A DetectionRun node's properties: these fields are stored as JSON text. */
type StoredRun = Omit<RunDetail, JsonField> & Partial<Record<JsonField, string | null>>;

export async function getRun(db: Db, id: string): Promise<RunDetail | undefined> {
  const [row] = await db.read<{ run: StoredRun }>('detection-run-get.read', { id });
  if (!row) return undefined;
  const r = row.run;
  return {
    ...r,
    params: decode(r.params) as RunDetail['params'],
    counts: decode(r.counts) as RunDetail['counts'],
    timings: decode(r.timings) as RunDetail['timings'],
    crowds: decode(r.crowds) as RunDetail['crowds'],
    diff: decode(r.diff) as RunDetail['diff'],
  };
}

export async function listRuns(db: Db, limit: number): Promise<RunSummary[]> {
  const rows = await db.read<{ run: Omit<StoredRun, Exclude<JsonField, 'counts'>> }>('detection-runs-list.read', {
    limit,
  });
  return rows.map((r) => ({ ...r.run, counts: decode(r.run.counts) as RunSummary['counts'] }));
}
