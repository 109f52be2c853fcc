/**
 * Which nodes draw a ring: its members and the identifiers (and accounts) named in its detection evidence. The web app
 * draws these (the graph among them from POST /api/subgraph) and the evidence exports and report draw the same set, so
 * an identifier detection did not count — one shared by more accounts than the kind's maxSharers (a crowd, like a
 * public IP) or a placeholder value — is left out of both.
 */
import { isIdentifierKind } from './vocabulary.ts';
import { nodeId } from './element-ids.ts';
import type { EvidenceEdge } from './rings.ts';

export interface RingNodesSource {
  members: ReadonlyArray<{ id: string }>;
  evidence: { edges: readonly EvidenceEdge[] };
}

export function ringNodeIds<T extends RingNodesSource>(ring: T): string[] {
  const ids = new Set<string>();
  for (const m of ring.members) ids.add(nodeId('account', m.id));
  for (const e of ring.evidence.edges) {
    if (!isIdentifierKind(e.kind)) continue;
    ids.add(nodeId('account', e.a));
    ids.add(nodeId('account', e.b));
    ids.add(nodeId(e.kind, e.key));
  }
  return [...ids];
}
