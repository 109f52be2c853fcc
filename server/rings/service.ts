/** Reads of the ring queue and of one ring, shaped for the API. JSON-encoded properties are decoded here. */
import { CLOSED_STATUSES, type RingDetailJson, type RingListQuery, type RingPageJson } from '../../contracts/rings.ts';
import { decodeJsonProperty as decode } from '../db/convert.ts';
import type { Db } from '../db/database.ts';
import { kindOf, scoreBreakdown } from './findings.ts';

type RingListRow = Omit<RingPageJson['items'][number], 'lastSeenAt'> & { lastSeenAtMs?: number | null };
/** The ring node's properties (`r {.*}`): evidence and features are stored as JSON text. */
type RingNode = Omit<RingDetailJson, 'members' | 'history' | 'evidence' | 'features'> & {
  evidence?: string | null;
  features?: string | null;
  /** Points per reason, aligned with reasons; absent on rings stored before detection gave points. */
  reasonPoints?: number[] | null;
};

/** The ring property behind each sort key of the queue (each has a range index), for {{order}} in rings-list. */
const SORT_PROPERTY: Record<RingListQuery['sort'], string> = {
  score: 'r.score',
  size: 'r.size',
  lastSeen: 'r.lastSeenAt',
};

export async function listRings(db: Db, q: RingListQuery): Promise<RingPageJson> {
  const order = `${SORT_PROPERTY[q.sort]} ${q.order === 'desc' ? 'DESC' : 'ASC'}`;
  const [row] = await db.read<{ total: number; items: RingListRow[]; runs: number }>(
    { name: 'rings-list.read', slots: { order } },
    {
      minScore: q.minScore,
      status: q.status ?? null,
      change: q.change ?? null,
      kind: q.kind ?? null,
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

export async function getRing(db: Db, id: string): Promise<RingDetailJson | undefined> {
  const [row] = await db.read<{
    ring: RingNode;
    members: RingDetailJson['members'];
    history: NonNullable<RingDetailJson['history']>;
  }>('ring-get.read', { id });
  if (!row) return undefined;
  const { evidence, features, ...ring } = row.ring;
  const members = [...row.members].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return {
    ...ring,
    kind: kindOf(ring),
    // null when the ring was stored without points per reason (detection before score breakdowns).
    scoreBreakdown: scoreBreakdown(ring.reasons, ring.reasonPoints),
    members,
    evidence: decode(evidence) as RingDetailJson['evidence'],
    features: decode(features),
    history: row.history,
  };
}
