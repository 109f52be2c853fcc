/**
 * Which nodes draw a ring: its members and the identifiers named in its evidence. The graph among them (with sharer
 * counts and sighting times) then comes from POST /api/subgraph.
 */
import { isIdentifierKind } from '@contracts/vocabulary.ts';
import { nodeId } from '@contracts/element-ids.ts';
import type { RingDetail } from '../api/get-ring.ts';

export function ringNodeIds(ring: Pick<RingDetail, 'members' | 'evidence'>): string[] {
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
