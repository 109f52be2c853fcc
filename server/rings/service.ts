/** Reads of the ring queue and of one ring, shaped for the API. JSON-encoded properties are decoded here. */
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';
import { CLOSED_STATUSES, type RingListQuery } from '../../contracts/rings.ts';

/** The ring property behind each sort key of the queue (each has a range index), for {{order}} in rings-list. */
const SORT_PROPERTY: Record<RingListQuery['sort'], string> = {
  score: 'r.score',
  size: 'r.size',
  lastSeen: 'r.lastSeenAt',
};

export async function listRings(db: Db, q: RingListQuery) {
  const order = `${SORT_PROPERTY[q.sort]} ${q.order === 'desc' ? 'DESC' : 'ASC'}`;
  const [row] = await db.read<{ total: number; items: Array<Record<string, unknown>>; runs: number }>(
    { name: 'rings-list.read', slots: { order } },
    {
      minScore: q.minScore,
      status: q.status ?? null,
      change: q.change ?? null,
      flagged: q.flagged ?? null,
      assignee: q.assignee ?? null,
      closed: q.closed ?? null,
      closedStatuses: [...CLOSED_STATUSES],
      skip: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    },
  );
  const items = (row?.items ?? []).map(({ lastSeenAtMs, ...ring }) => ({
    ...ring,
    lastSeenAt: typeof lastSeenAtMs === 'number' ? new Date(lastSeenAtMs).toISOString() : null,
  }));
  // On the first run (or before any) every ring is new and flagged: the queue leaves those marks out.
  const firstRun = (row?.runs ?? 0) <= 1;
  return { items, page: q.page, pageSize: q.pageSize, total: row?.total ?? 0, firstRun };
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
