/**
 * Everything an export needs about one ring, read once: the ring with its members, reasons and history, the
 * detection run and its parameters, the evidence graph and the annotation timeline. The graph is the one the web app
 * draws for the ring (contracts/ring-nodes.ts: members and the identifiers detection counted, and the links among them
 * read as POST /api/subgraph reads them); identifiers that two or more members share but detection did not count (a
 * crowd such as a public IP, a placeholder) are listed apart in `leftOut`, not drawn.
 */
import type { Db } from '../db/database.ts';
import type { RingKind, ScoreTerm } from '../rings/findings.ts';
import { getTimeline, type TimelineEntry } from '../annotate/service.ts';
import { NotFoundError } from '../errors.ts';
import { getRing } from '../rings/service.ts';
import { getRun } from '../runs/service.ts';
import { loadSavedViews, type SavedViewEvidence } from './view-evidence.ts';
import { InvestigateService } from '../investigate/service.ts';
import { ringNodeIds } from '../../contracts/ring-nodes.ts';
import { identifierKindOfLabel } from '../../contracts/vocabulary.ts';
import type { EvidenceEdge as DetectionEvidenceEdge } from '../../contracts/rings.ts';

export interface EvidenceNode {
  id: string;
  kind: 'account' | string;
  label: string;
  /** Accounts: known_fraud | legit | unknown. */
  accountLabel?: string;
  createdAt?: string | null;
  /** Identifiers: accounts in the whole graph using it, and ring members using it. */
  sharers?: number;
  members?: number;
}

export interface EvidenceEdge {
  id: string;
  source: string;
  target: string;
  kind: 'uses' | 'paid';
  count?: number | null;
  total?: number | null;
  currency?: string;
  firstSeen?: string | null;
  lastSeen?: string | null;
}

export interface RingEvidence {
  ring: {
    id: string;
    /** A ring or a duplicate-account pair. */
    kind: RingKind;
    score: number;
    size: number;
    status: string;
    change: string;
    flagged: boolean;
    reasons: string[];
    /** Each reason with its points; null when the ring was stored without them. */
    scoreBreakdown: ScoreTerm[] | null;
    firstSeenRun: string;
    lastSeenRun: string;
    members: Array<{
      id: string;
      label: string;
      createdAt: string | null;
      type?: string | null;
      country?: string | null;
    }>;
    history: Array<{ runId: string; size: number }>;
  };
  run: { id: string; startedAt?: string; finishedAt?: string; params: unknown; modularity?: number } | null;
  nodes: EvidenceNode[];
  edges: EvidenceEdge[];
  identifiers: SharedIdentifier[];
  /** Shared by two or more members but not counted by detection, so not drawn (as in the web app). */
  leftOut: SharedIdentifier[];
  annotations: TimelineEntry[];
  /** The ring's saved views, newest first (at most MAX_REPORT_VIEWS), and how many more it has. */
  views: SavedViewEvidence[];
  moreViews: number;
}

export interface SharedIdentifier {
  kind: string;
  key: string;
  display: string | null;
  sharers: number;
  members: number;
}

interface GraphRow {
  identifiers: Array<{
    kind: string;
    key: string;
    display: string | null;
    sharers: number;
    uses: Array<{ account: string; count: number | null; firstSeen: string | null; lastSeen: string | null }>;
  }>;
}

export const accountNodeId = (id: string) => `account:${id}`;
export const identifierNodeId = (kind: string, key: string) => `${kind}:${key}`;

export async function loadRingEvidence(db: Db, ringId: string): Promise<RingEvidence> {
  const ring = (await getRing(db, ringId)) as unknown as
    (RingEvidence['ring'] & { evidence?: { edges: DetectionEvidenceEdge[] } | null }) | undefined;
  if (!ring) throw new NotFoundError(`No ring ${ringId}.`);
  const run = (await getRun(db, ring.lastSeenRun)) as RingEvidence['run'] | undefined;
  const drawn = ringNodeIds({ members: ring.members, evidence: ring.evidence ?? { edges: [] } });
  const [sub, [graph]] = await Promise.all([
    new InvestigateService(db).subgraph(drawn),
    db.read<GraphRow>('ring-export-graph.read', { members: ring.members.map((m) => m.id) }),
  ]);
  const createdAt = new Map(ring.members.map((m) => [accountNodeId(m.id), m.createdAt]));
  const memberIds = new Set(createdAt.keys());
  const usedBy = new Map<string, number>();
  for (const x of sub.edges) {
    if (x.data.kind === 'uses' && memberIds.has(x.data.source))
      usedBy.set(x.data.target, (usedBy.get(x.data.target) ?? 0) + 1);
  }
  const nodes: EvidenceNode[] = sub.nodes.map(({ data: n }) =>
    n.kind === 'account'
      ? {
          id: n.id,
          kind: n.kind,
          label: n.label,
          accountLabel: n.accountLabel ?? 'unknown',
          createdAt: createdAt.get(n.id) ?? null,
        }
      : { id: n.id, kind: n.kind, label: n.label, sharers: n.sharers ?? 0, members: usedBy.get(n.id) ?? 0 },
  );
  // Members first in the ring's order, then identifiers: the order the files have always had.
  const order = new Map(ring.members.map((m, i) => [accountNodeId(m.id), i]));
  nodes.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  const edges: EvidenceEdge[] = sub.edges.map(({ data: x }) => ({
    id: x.id,
    source: x.source,
    target: x.target,
    kind: x.kind,
    count: x.count,
    ...(x.kind === 'paid' ? { total: x.total ?? null, currency: x.currency ?? undefined } : {}),
    firstSeen: x.firstSeen,
    lastSeen: x.lastSeen,
  }));
  const drawnIds = new Set(nodes.map((n) => n.id));
  const identifiers: SharedIdentifier[] = [];
  const leftOut: SharedIdentifier[] = [];
  for (const i of graph?.identifiers ?? []) {
    const kind = identifierKindOfLabel(i.kind) ?? i.kind.toLowerCase();
    const entry = { kind, key: i.key, display: i.display, sharers: i.sharers, members: i.uses.length };
    (drawnIds.has(identifierNodeId(kind, i.key)) ? identifiers : leftOut).push(entry);
  }
  const byRarity = (a: SharedIdentifier, b: SharedIdentifier) =>
    a.sharers - b.sharers || b.members - a.members || a.key.localeCompare(b.key);
  identifiers.sort(byRarity);
  leftOut.sort(byRarity);
  const annotations = await getTimeline(db, { targetType: 'ring', targetId: ringId });
  const { views, more } = await loadSavedViews(db, ringId);
  const { evidence: _evidence, ...ringFields } = ring;
  return {
    ring: ringFields,
    run: run ?? null,
    nodes,
    edges,
    identifiers,
    leftOut,
    annotations,
    views,
    moreViews: more,
  };
}
