/** Reads of rings and runs, shaped for the API. JSON-encoded properties are decoded here. */
import type { Db } from '../db/database.ts';
import type { RingListQuery } from './schemas.ts';

function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export async function listRings(db: Db, q: RingListQuery) {
  const [row] = await db.read<{ total: number; items: Array<Record<string, unknown>> }>('rings-list.read', {
    minScore: q.minScore,
    status: q.status ?? null,
    change: q.change ?? null,
    flagged: q.flagged ?? null,
    assignee: q.assignee ?? null,
    sort: q.sort,
    direction: q.order === 'desc' ? 1 : -1,
    skip: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  });
  return { items: row?.items ?? [], page: q.page, pageSize: q.pageSize, total: row?.total ?? 0 };
}

export async function getRing(db: Db, id: string) {
  const [row] = await db.read<{
    ring: Record<string, unknown>;
    members: Array<Record<string, unknown>>;
    history: unknown[];
  }>('ring-get.read', { id });
  if (!row) return undefined;
  const { evidence, features, ...ring } = row.ring;
  const members = [...row.members].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { ...ring, members, evidence: decode(evidence), features: decode(features), history: row.history };
}

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
