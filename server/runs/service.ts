/** Reads of detection runs, shaped for the API. JSON-encoded properties are decoded here. */
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';

export async function getRun(db: Db, id: string) {
  const [row] = await db.read<{ run: Record<string, unknown> }>('detection-run-get.read', { id });
  if (!row) return undefined;
  const r = row.run;
  return {
    ...r,
    params: decode(r.params),
    counts: decode(r.counts),
    timings: decode(r.timings),
    crowds: decode(r.crowds),
    diff: decode(r.diff),
  };
}

export async function listRuns(db: Db, limit: number) {
  const rows = await db.read<{ run: Record<string, unknown> }>('detection-runs-list.read', { limit });
  return rows.map((r) => ({ ...r.run, counts: decode(r.run.counts) }));
}
