/**
 * The graph-exploration service: node details, capped neighbour pages, search, shortest "why linked" paths and the
 * graph among a set of nodes. Reads named queries from cypher/investigate-*.read.cypher and returns the plain shapes
 * of contracts.ts.
 */
import type { Db } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { kindOf } from '../rings/findings.ts';
import type {
  AccountDetails,
  CountsByKind,
  EdgeElement,
  Elements,
  IdentifierDetails,
  NeighborsResponse,
  NodeDetails,
  NodeElement,
  PathsResponse,
  PathStep,
  RingMembership,
  SearchResponse,
} from '../../contracts/investigate.ts';
import { CursorError, decodeCursor, encodeCursor } from './cursor.ts';
import { isIdentifierKind, type IdentifierKind, type NodeKind } from '../../contracts/vocabulary.ts';
import { nodeId, parseNodeId } from '../../contracts/element-ids.ts';
import {
  edgeBetween,
  nodeLabel,
  paidEdge,
  toNodeData,
  toNodeElement,
  usesEdge,
  type NodeRow,
  type RelRow,
} from './elements.ts';
import { INVESTIGATE_DEFAULTS, type NeighborsQuery, type PathsQuery } from '../../contracts/investigate-requests.ts';
import { inCidr, partialTerms, searchTerms } from './search-terms.ts';

/** A ring membership row as the API gives it (absent fields become null; no kind means a ring). */
function membership(r: RingMembership): RingMembership {
  return {
    id: r.id,
    kind: kindOf(r),
    score: r.score ?? null,
    size: r.size ?? null,
    status: r.status ?? null,
    change: r.change ?? null,
    flagged: r.flagged ?? null,
    lastSeenRun: r.lastSeenRun ?? null,
  };
}

interface AccountRow {
  id: string;
  createdAt: string | null;
  type: string | null;
  country: string | null;
  status: string | null;
  label: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  identifiers: Array<NodeRow & RelRow & { kind: IdentifierKind; sharers: number }>;
  rings: RingMembership[];
  sent: { counterparties: number; count: number | null; total: number | null };
  received: { counterparties: number; count: number | null; total: number | null };
}

interface IdentifierRow {
  key: string;
  display: string | null;
  bin: string | null;
  last4: string | null;
  issuerCountry: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  sharers: number;
  knownFraud: number;
  legit: number;
  rings: RingMembership[];
}

interface CountsRow {
  center: NodeRow;
  counts: Array<{ kind: NodeKind | null; n: number }>;
}

/** Neighbour counts per kind, without the null kind of a node that has none. */
function countsOf(counts: CountsRow['counts']): CountsByKind {
  const out: CountsByKind = {};
  for (const c of counts) if (c.kind !== null && c.n > 0) out[c.kind] = c.n;
  return out;
}

type NeighborRel = RelRow & { type: string; outgoing: boolean };
type PathRel = RelRow & { type: string; forward: boolean };

function notFound(kind: NodeKind, key: string): NotFoundError {
  return new NotFoundError(`There is no ${kind} '${key}' in the graph.`);
}

function side(s: {
  counterparties: number;
  count: number | null;
  total: number | null;
  totals?: Array<{ currency: string | null; total: number | null }> | null;
}) {
  const totals = (s.totals ?? []).map((t) => ({ currency: t.currency ?? null, total: t.total ?? 0 }));
  return { counterparties: s.counterparties, count: s.count ?? 0, total: s.total ?? 0, totals };
}

export class InvestigateService {
  constructor(private readonly db: Db) {}

  async nodeDetails(kind: NodeKind, key: string): Promise<NodeDetails> {
    return kind === 'account' ? this.accountDetails(key) : this.identifierDetails(kind, key);
  }

  private async accountDetails(key: string): Promise<AccountDetails> {
    const [row] = await this.db.read<AccountRow>('investigate-node-account.read', {
      id: key,
      maxIdentifiers: INVESTIGATE_DEFAULTS.maxAccountIdentifiers,
    });
    if (!row) throw notFound('account', key);
    const { countsByKind } = await this.counts('account', key);
    return {
      kind: 'account',
      id: nodeId('account', key),
      key,
      label: nodeLabel({ kind: 'account', key }),
      properties: {
        createdAt: row.createdAt,
        type: row.type,
        country: row.country,
        status: row.status,
        label: toNodeData({ kind: 'account', key, accountLabel: row.label }).accountLabel,
      },
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      identifiers: row.identifiers.map((i) => ({
        id: nodeId(i.kind, i.key),
        kind: i.kind,
        key: i.key,
        label: nodeLabel(i),
        sharers: i.sharers,
        count: i.count ?? null,
        firstSeen: i.firstSeen ?? null,
        lastSeen: i.lastSeen ?? null,
      })),
      rings: row.rings.map(membership),
      payments: { sent: side(row.sent), received: side(row.received) },
      degreeByKind: countsByKind,
    };
  }

  private async identifierDetails(kind: IdentifierKind, key: string): Promise<IdentifierDetails> {
    const [row] = await this.db.read<IdentifierRow>('investigate-node-identifier.read', { kind, key });
    if (!row) throw notFound(kind, key);
    const { countsByKind } = await this.counts(kind, key);
    return {
      kind,
      id: nodeId(kind, key),
      key,
      label: nodeLabel({ kind, key, display: row.display, last4: row.last4 }),
      properties: { display: row.display, bin: row.bin, last4: row.last4, issuerCountry: row.issuerCountry },
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      sharers: row.sharers,
      sharersByLabel: {
        known_fraud: row.knownFraud,
        legit: row.legit,
        unknown: row.sharers - row.knownFraud - row.legit,
      },
      degreeByKind: countsByKind,
      rings: row.rings.map(membership),
    };
  }

  private async counts(kind: NodeKind, key: string): Promise<{ center: NodeRow; countsByKind: CountsByKind }> {
    const [row] = await this.db.read<CountsRow>('investigate-neighbor-counts.read', { kind, key });
    if (!row) throw notFound(kind, key);
    return { center: { ...row.center, kind }, countsByKind: countsOf(row.counts) };
  }

  async neighbors(kind: NodeKind, key: string, q: NeighborsQuery): Promise<NeighborsResponse> {
    const id = nodeId(kind, key);
    let offset = 0;
    if (q.cursor !== undefined) {
      try {
        offset = decodeCursor(q.cursor, { node: id, kinds: q.kinds, order: q.order }).offset;
      } catch (err) {
        if (err instanceof CursorError) {
          throw new ValidationError(`Invalid query: cursor: ${err.message}`, [
            { path: 'cursor', message: err.message },
          ]);
        }
        throw err;
      }
    }
    const [row] = await this.db.read<CountsRow & { page: Array<{ node: NodeRow; rels: NeighborRel[] }> }>(
      'investigate-neighbors.read',
      { kind, key, kinds: q.kinds, order: q.order, skip: offset, limit: q.limit },
    );
    if (!row) throw notFound(kind, key);
    const center: NodeRow = { ...row.center, kind };
    const countsByKind = countsOf(row.counts);
    const total = Object.values(countsByKind).reduce((s, n) => s + (n ?? 0), 0);
    const matching = q.kinds ? q.kinds.reduce((s, k) => s + (countsByKind[k] ?? 0), 0) : total;
    const rows = row.page;
    const nodes: NodeElement[] = [];
    const edges: EdgeElement[] = [];
    for (const r of rows) {
      nodes.push(toNodeElement(r.node));
      for (const rel of r.rels) edges.push(edgeBetween(center, r.node, rel));
    }
    const next = offset + rows.length;
    return {
      center: toNodeData(center),
      total,
      countsByKind,
      matching,
      threshold: q.threshold,
      superNode: total > q.threshold,
      returned: rows.length,
      offset,
      nextCursor:
        rows.length === q.limit && next < matching
          ? encodeCursor({ node: id, kinds: q.kinds, order: q.order, offset: next })
          : null,
      nodes,
      edges,
    };
  }

  /** Exact and prefix matches first, then partial ones (part of an email, an IP range, a card's last four). */
  async search(q: string, limit: number): Promise<SearchResponse> {
    const terms = searchTerms(q);
    const rows = await this.db.read<{ node: NodeRow; match: 'exact' | 'prefix' }>('investigate-search.read', {
      ...terms,
      limit,
    });
    const results: SearchResponse['results'] = rows.map((r) => ({ node: toNodeData(r.node), match: r.match }));
    const seen = new Set(results.map((r) => r.node.id));
    const part = partialTerms(q);
    if (results.length < limit && (part.emailPart || part.ipPrefix !== null || part.last4)) {
      const more = await this.db.read<{ node: NodeRow }>('investigate-search-partial.read', {
        emailPart: part.emailPart,
        ipPrefix: part.ipPrefix,
        last4: part.last4,
        bin: part.bin,
        limit,
        scan: part.cidr ? 20 * limit : limit,
      });
      for (const { node } of more) {
        if (results.length >= limit) break;
        if (node.kind === 'ip' && part.cidr && !inCidr(node.key, part.cidr)) continue;
        const data = toNodeData(node);
        if (seen.has(data.id)) continue;
        seen.add(data.id);
        results.push({ node: data, match: 'partial' });
      }
    }
    return { q, results };
  }

  async paths(q: PathsQuery): Promise<PathsResponse> {
    const found = await this.db.read<{ id: string; found: boolean }>('investigate-accounts-exist.read', {
      ids: [q.from, q.to],
    });
    const missing = found.filter((f) => !f.found).map((f) => f.id);
    if (missing.length > 0)
      throw new NotFoundError(`There is no account ${missing.map((m) => `'${m}'`).join(' or ')}.`);
    const rows = await this.db.read<{ nodes: NodeRow[]; rels: PathRel[] }>(
      q.includePaid ? 'investigate-paths.read' : 'investigate-paths-shared-only.read',
      { from: q.from, to: q.to, maxHops: q.maxHops, limit: q.limit },
    );
    const nodes = new Map<string, NodeElement>();
    const edges = new Map<string, EdgeElement>();
    const paths = rows.map((row) => {
      const pathEdges: EdgeElement[] = row.rels.map((rel, i) => {
        const a = row.nodes[i]!;
        const b = row.nodes[i + 1]!;
        return edgeBetween(a, b, { ...rel, outgoing: rel.forward });
      });
      for (const n of row.nodes) nodes.set(nodeId(n.kind, n.key), toNodeElement(n));
      for (const e of pathEdges) edges.set(e.data.id, e);
      return {
        nodes: row.nodes.map((n) => nodeId(n.kind, n.key)),
        edges: pathEdges.map((e) => e.data.id),
        steps: pathSteps(row.nodes, pathEdges),
      };
    });
    return {
      from: nodeId('account', q.from),
      to: nodeId('account', q.to),
      maxHops: q.maxHops,
      length: rows[0] ? rows[0].rels.length : null,
      paths,
      nodes: [...nodes.values()],
      edges: [...edges.values()],
    };
  }

  /** Accounts among `ids`, the USES links from them to identifiers among `ids`, and the payments between them. */
  async subgraph(ids: string[]): Promise<Elements> {
    const wanted = new Set(ids);
    const accounts: string[] = [];
    const keys = new Set<string>();
    for (const id of wanted) {
      const parsed = parseNodeId(id);
      if (!parsed) continue;
      if (parsed.kind === 'account') accounts.push(parsed.key);
      else if (isIdentifierKind(parsed.kind)) keys.add(parsed.key);
    }
    if (accounts.length === 0) return { nodes: [], edges: [] };
    const [row] = await this.db.read<{
      accounts: NodeRow[];
      uses: Array<RelRow & { account: string; node: NodeRow }>;
      paid: Array<RelRow & { payer: string; payee: string }>;
    }>('investigate-subgraph.read', { accounts, keys: [...keys] });
    if (!row) return { nodes: [], edges: [] };
    const nodes = new Map<string, NodeElement>();
    for (const a of row.accounts) nodes.set(nodeId('account', a.key), toNodeElement(a));
    const edges: EdgeElement[] = [];
    for (const u of row.uses) {
      const id = nodeId(u.node.kind, u.node.key);
      if (!wanted.has(id)) continue;
      nodes.set(id, toNodeElement(u.node));
      edges.push(usesEdge(u.account, u.node, u));
    }
    for (const p of row.paid) edges.push(paidEdge(p.payer, p.payee, p));
    return { nodes: [...nodes.values()], edges };
  }
}

/** Account-to-account steps of a path: through a shared identifier (two relationships) or a payment (one). */
function pathSteps(nodes: NodeRow[], edges: EdgeElement[]): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < edges.length) {
    const from = nodes[i]!;
    const middle = nodes[i + 1]!;
    if (middle.kind === 'account') {
      steps.push({
        from: nodeId('account', from.key),
        to: nodeId('account', middle.key),
        via: null,
        edges: [edges[i]!.data.id],
        paid: edges[i]!.data,
      });
      i += 1;
    } else {
      const to = nodes[i + 2]!;
      steps.push({
        from: nodeId('account', from.key),
        to: nodeId('account', to.key),
        via: toNodeData(middle),
        edges: [edges[i]!.data.id, edges[i + 1]!.data.id],
        paid: null,
      });
      i += 2;
    }
  }
  return steps;
}
