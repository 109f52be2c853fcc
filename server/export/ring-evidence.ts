/**
 * Everything an export needs about one ring, read once: the ring with its members, reasons and history, the
 * detection run and its parameters, the evidence graph (members, shared identifiers with their rarity, USES edges,
 * payments between members) and the annotation timeline.
 */
import type { Db } from '../db/database.ts';
import type { RingKind, ScoreTerm } from '../rings/findings.ts';
import { getTimeline, type TimelineEntry } from '../annotate/service.ts';
import { NotFoundError } from '../errors.ts';
import { getRing } from '../rings/service.ts';
import { getRun } from '../runs/service.ts';

/** Label → the kind name used in the API and files. */
const KIND_OF_LABEL: Record<string, string> = {
  Device: 'device',
  PaymentMethod: 'payment',
  IP: 'ip',
  Email: 'email',
  Phone: 'phone',
  Address: 'address',
};

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
  identifiers: Array<{ kind: string; key: string; display: string | null; sharers: number; members: number }>;
  annotations: TimelineEntry[];
}

interface GraphRow {
  identifiers: Array<{
    kind: string;
    key: string;
    display: string | null;
    sharers: number;
    uses: Array<{ account: string; count: number | null; firstSeen: string | null; lastSeen: string | null }>;
  }>;
  payments: Array<{
    payer: string;
    payee: string;
    currency: string;
    count: number;
    total: number;
    firstAt: string | null;
    lastAt: string | null;
  }>;
}

export const accountNodeId = (id: string) => `account:${id}`;
export const identifierNodeId = (kind: string, key: string) => `${kind}:${key}`;

export async function loadRingEvidence(db: Db, ringId: string): Promise<RingEvidence> {
  const ring = (await getRing(db, ringId)) as unknown as RingEvidence['ring'] | undefined;
  if (!ring) throw new NotFoundError(`No ring ${ringId}.`);
  const run = (await getRun(db, ring.lastSeenRun)) as RingEvidence['run'] | undefined;
  const members = ring.members.map((m) => m.id);
  const [graph] = await db.read<GraphRow>('ring-export-graph.read', { members });
  const nodes: EvidenceNode[] = ring.members.map((m) => ({
    id: accountNodeId(m.id),
    kind: 'account',
    label: m.id,
    accountLabel: m.label,
    createdAt: m.createdAt,
  }));
  const edges: EvidenceEdge[] = [];
  const identifiers: RingEvidence['identifiers'] = [];
  for (const i of graph?.identifiers ?? []) {
    const kind = KIND_OF_LABEL[i.kind] ?? i.kind.toLowerCase();
    const id = identifierNodeId(kind, i.key);
    nodes.push({ id, kind, label: i.display ?? i.key, sharers: i.sharers, members: i.uses.length });
    identifiers.push({ kind, key: i.key, display: i.display, sharers: i.sharers, members: i.uses.length });
    for (const u of i.uses) {
      edges.push({
        id: `uses:${accountNodeId(u.account)}->${id}`,
        source: accountNodeId(u.account),
        target: id,
        kind: 'uses',
        count: u.count,
        firstSeen: u.firstSeen,
        lastSeen: u.lastSeen,
      });
    }
  }
  for (const p of graph?.payments ?? []) {
    edges.push({
      id: `paid:${accountNodeId(p.payer)}->${accountNodeId(p.payee)}:${p.currency}`,
      source: accountNodeId(p.payer),
      target: accountNodeId(p.payee),
      kind: 'paid',
      count: p.count,
      total: p.total,
      currency: p.currency,
      firstSeen: p.firstAt,
      lastSeen: p.lastAt,
    });
  }
  identifiers.sort((a, b) => a.sharers - b.sharers || b.members - a.members || a.key.localeCompare(b.key));
  const annotations = await getTimeline(db, { targetType: 'ring', targetId: ringId });
  return { ring, run: run ?? null, nodes, edges, identifiers, annotations };
}
