/** Reads of the ring queue and of one ring, shaped for the API. JSON-encoded properties are decoded here. */
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';
import type { RingListQuery } from './schemas.ts';

/** The ring property behind each sort key of the queue (each has a range index), for {{order}} in rings-list. */
const SORT_PROPERTY: Record<RingListQuery['sort'], string> = {
  score: 'r.score',
  size: 'r.size',
  lastSeen: 'r.lastSeenAt',
};

export async function listRings(db: Db, q: RingListQuery) {
  const order = `${SORT_PROPERTY[q.sort]} ${q.order === 'desc' ? 'DESC' : 'ASC'}`;
  const [row] = await db.read<{ total: number; items: Array<Record<string, unknown>> }>(
    { name: 'rings-list.read', slots: { order } },
    {
      minScore: q.minScore,
      status: q.status ?? null,
      change: q.change ?? null,
      flagged: q.flagged ?? null,
      assignee: q.assignee ?? null,
      skip: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    },
  );
  const items = (row?.items ?? []).map(({ lastSeenAtMs, ...ring }) => ({
    ...ring,
    lastSeenAt: typeof lastSeenAtMs === 'number' ? new Date(lastSeenAtMs).toISOString() : null,
  }));
  return { items, page: q.page, pageSize: q.pageSize, total: row?.total ?? 0 };
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
